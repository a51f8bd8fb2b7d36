import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { MasterKeyStanza } from '../../lib/sops/keys/master-key';
import { sharedDir } from '../support/shared';

/** A file of the shared SOPS vectors. */
export function vector(...parts: string[]): string {
  return sharedDir('sops-vectors', ...parts);
}

/** Reads a file of the shared SOPS vectors as text. */
export function vectorText(...parts: string[]): string {
  return fs.readFileSync(vector(...parts), 'utf8');
}

/**
 * The age and PGP stanzas of a sops-encrypted YAML or JSON vector, read straight from its `sops` mapping (flat
 * `age`/`pgp` lists, or every group of `key_groups`).
 */
export function stanzasOf(...parts: string[]): MasterKeyStanza[] {
  const doc = parseAllDocuments(vectorText(...parts))[0] as { toJS(): unknown };
  const sops = (doc.toJS() as { sops: SopsKeys & { key_groups?: SopsKeys[] } }).sops;
  return [sops, ...(sops.key_groups ?? [])].flatMap((group) => [
    ...(group.age ?? []).map((a): MasterKeyStanza => ({ type: 'age', recipient: a.recipient, enc: a.enc })),
    ...(group.pgp ?? []).map((p): MasterKeyStanza => ({ type: 'pgp', fp: p.fp, enc: p.enc, createdAt: p.created_at })),
  ]);
}

interface SopsKeys {
  age?: { recipient: string; enc: string }[] | null;
  pgp?: { fp: string; enc: string; created_at: string }[] | null;
}

/**
 * The data key (hex) that VECTORS.md gives for `file` (its path under `real/` or `generated/`): the 64-hex-digit
 * word of the table row that names the file.
 */
export function dataKeyHex(file: string): string {
  const base = path.basename(file);
  const row = vectorText('VECTORS.md')
    .split('\n')
    .find((line) => line.startsWith(`| ${file} |`) || line.startsWith(`| ${base} |`));
  const hex = row?.match(/\b[0-9a-f]{64}\b/)?.[0];
  if (hex === undefined) {
    throw new Error(`VECTORS.md has no data key for ${file}`);
  }
  return hex;
}

/** Hex of bytes. */
export function hex(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('hex');
}

/** A new temporary folder, removed by {@link removeTemp}. */
export function makeTemp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-flux-${prefix}-`));
}

/** Removes a temporary folder; for a GnuPG home, stops its gpg-agent first. */
export function removeTemp(dir: string): void {
  if (fs.existsSync(path.join(dir, 'pubring.kbx')) || fs.existsSync(path.join(dir, 'S.gpg-agent'))) {
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: dir }, stdio: 'ignore' });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs gpg in batch mode with a given home; throws with gpg's messages when it fails. */
export function gpg(home: string, args: string[], input?: string | Uint8Array): Buffer {
  const result = spawnSync('gpg', ['--batch', ...args], {
    env: { ...process.env, GNUPGHOME: home },
    input,
  });
  if (result.status !== 0) {
    throw new Error(`gpg ${args.join(' ')} failed: ${result.stderr.toString()}`);
  }
  return result.stdout;
}

/** A new GnuPG home (mode 700) holding one fresh unprotected key; returns the home and the key's fingerprint. */
export function gpgHomeWithNewKey(): { home: string; fingerprint: string } {
  const home = makeTemp('gnupg');
  fs.chmodSync(home, 0o700);
  gpg(home, [
    '--passphrase',
    '',
    '--quick-gen-key',
    'cdk8s-flux test <test@example.invalid>',
    'future-default',
    'default',
  ]);
  const colons = gpg(home, ['--with-colons', '--list-keys']).toString();
  const fingerprint = colons
    .split('\n')
    .find((l) => l.startsWith('fpr:'))
    ?.split(':')[9];
  if (fingerprint === undefined) {
    throw new Error('gpg generated no key');
  }
  return { home, fingerprint };
}

/** A new empty GnuPG home (mode 700). */
export function emptyGpgHome(): string {
  const home = makeTemp('gnupg');
  fs.chmodSync(home, 0o700);
  return home;
}
