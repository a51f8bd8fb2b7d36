import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { stringify } from 'yaml';
import { AgeRecipient, EncryptionRuleKind, SOPS_CONFIG_NAME, editSopsFile, encryptSopsFile } from '../../lib/sops';
import { FleetApplication, secretFileOf, secretNameOf } from './fleet';

const ENCRYPTED_REGEX = '^(data|stringData)$';

/** An application's Secret in clear text, with a random password: it exists in memory only. */
function plaintextOf(app: FleetApplication): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretNameOf(app) },
    type: 'Opaque',
    stringData: { username: app.name, password: randomBytes(16).toString('hex') },
  });
}

/**
 * Encrypts one Secret per application into `dir` with the library's SOPS engine, for a fresh age key made for this
 * call, and writes the `.sops.yaml` that names it. The private half of the key and the plaintext never leave
 * memory; the secret values are random.
 *
 * @returns the age recipient the files are encrypted for (the fleet's cluster key)
 */
export async function sealFleetSecrets(dir: string, applications: readonly FleetApplication[]): Promise<string> {
  const recipient = await identityToRecipient(await generateX25519Identity());
  fs.mkdirSync(dir, { recursive: true });
  const config = {
    creation_rules: [{ path_regex: '[^/]+\\.yaml$', encrypted_regex: ENCRYPTED_REGEX, age: recipient }],
  };
  fs.writeFileSync(path.join(dir, SOPS_CONFIG_NAME), stringify(config));
  // One encryption: the first Secret is encrypted for the key; the others are sealed with its data key, as
  // `sops edit` would, so that wrapping the data key for age is done once, not once per application.
  const dataKey = new Uint8Array(randomBytes(32));
  const [first, ...rest] = applications;
  if (first === undefined) return recipient;
  const encrypted = await encryptSopsFile(plaintextOf(first), {
    format: 'yaml',
    keyGroups: [[AgeRecipient.fromString(recipient)]],
    encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: ENCRYPTED_REGEX },
    dataKey,
  });
  fs.writeFileSync(secretFileOf(dir, first), encrypted);
  for (const app of rest) {
    fs.writeFileSync(secretFileOf(dir, app), editSopsFile(encrypted, plaintextOf(app), { format: 'yaml', dataKey }));
  }
  return recipient;
}
