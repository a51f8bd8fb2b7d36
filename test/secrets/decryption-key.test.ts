import * as fs from 'fs';
import * as path from 'path';
import { generateHybridIdentity, identityToRecipient } from 'age-encryption';
import { parse } from 'yaml';
import { FluxApp, GitOpsRepository, SopsSecret } from '../../lib';
import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import { encryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { normalizeFingerprint } from '../../lib/sops/keys/fingerprint';
import { tempDir } from '../support/temp';

const URL = 'ssh://git@github.com/o/lab';
/** A v6 OpenPGP fingerprint: 64 hex digits (SHA-256), as `gpg --list-keys` prints it for a v6 key. */
const V6_FINGERPRINT = 'cb186c4f0609a697e4d52dfa6c722b0c1f1e27c18a56708f6525ec27bad9acc9';

const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: default\nstringData:\n  TOKEN: x\n';

/** The Flux Kustomization `flux/services/<name>.yaml` of a synthesized tree. */
function fluxKustomization(tree: ReadonlyMap<string, string>, name: string): Record<string, Record<string, unknown>> {
  return parse(tree.get(`flux/services/${name}.yaml`)!) as Record<string, Record<string, unknown>>;
}

describe('the cluster decryption key is checked with the SOPS engine', () => {
  test('GIVEN a v6 (64-hex) OpenPGP fingerprint WHEN declared THEN the repository takes it, as the engine does', () => {
    expect(normalizeFingerprint(V6_FINGERPRINT)).toBe(V6_FINGERPRINT.toUpperCase());
    const repo = new GitOpsRepository(new FluxApp({ outdir: tempDir() }), 'lab', {
      url: URL,
      sops: { pgpFingerprint: V6_FINGERPRINT },
    });
    expect(repo.sopsKey).toEqual({
      ageRecipient: undefined,
      pgpFingerprint: V6_FINGERPRINT.toUpperCase(),
      secretName: 'sops-gpg',
    });
  });

  test('GIVEN a post-quantum age1pq1 recipient WHEN declared THEN the repository takes it, as the engine does', async () => {
    const recipient = await identityToRecipient(await generateHybridIdentity());
    expect(recipient).toMatch(/^age1pq1/);
    expect(AgeRecipient.fromString(recipient).id).toBe(recipient);
    const repo = new GitOpsRepository(new FluxApp({ outdir: tempDir() }), 'lab', {
      url: URL,
      sops: { ageRecipient: recipient },
    });
    expect(repo.sopsKey?.ageRecipient).toBe(recipient);
  });

  test('GIVEN a bad age recipient and a bad fingerprint WHEN declared THEN both are reported at once', () => {
    expect(
      () =>
        new GitOpsRepository(new FluxApp({ outdir: tempDir() }), 'lab', {
          url: URL,
          sops: { ageRecipient: 'age1short', pgpFingerprint: 'ABCD' },
        }),
    ).toThrow(/2 problems found:\n.*sops.ageRecipient "age1short" is not an age recipient.*\n.*sops.pgpFingerprint "ABCD"/);
  });
});

describe('decryption is set by the application that holds the encrypted file', () => {
  test('GIVEN a SopsSecret in one application WHEN synthesized THEN only that application decrypts, with the cluster key Secret', async () => {
    // GIVEN an age1pq1 cluster key and a file encrypted for it
    const recipient = await identityToRecipient(await generateHybridIdentity());
    const file = path.join(tempDir(), 'token.yaml');
    fs.writeFileSync(
      file,
      await encryptSopsFile(SECRET, {
        format: 'yaml',
        keyGroups: [[AgeRecipient.fromString(recipient)]],
        encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' },
      }),
    );
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL, sops: { ageRecipient: recipient } });
    const api = repo.service('api');
    repo.service('web');

    // WHEN the secret is added after the application was made, and the tree synthesized
    SopsSecret.fromFile(api, 'token', file, { namespace: 'default' });
    const tree = app.synthTree();

    // THEN the application holding it decrypts, the other does not
    expect(fluxKustomization(tree, 'api').spec.decryption).toEqual({
      provider: 'sops',
      secretRef: { name: 'sops-age' },
    });
    expect(fluxKustomization(tree, 'web').spec.decryption).toBeUndefined();
  });
});
