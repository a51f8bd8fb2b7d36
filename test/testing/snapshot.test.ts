import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, GitOpsRepository, SopsSecret } from '../../lib';
import { encryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { MASK, maskSopsCiphertext } from '../../lib/testing/mask-sops-ciphertext';
import { sopsSnapshotSerializer } from '../../lib/testing/snapshot-serializer';
import { synthSnapshot, synthTreeOf } from '../../lib/testing/synth-snapshot';
import { EXAMPLE_AGE_RECIPIENT } from '../../main';
import { tempDir } from '../support/temp';

expect.addSnapshotSerializer(sopsSnapshotSerializer);

const PLAINTEXT = `apiVersion: v1
kind: Secret
metadata:
  name: token
  namespace: default
  annotations:
    note: visible on purpose
stringData:
  TOKEN: hunter2
`;

/** A small app whose one secret is encrypted afresh each call: new data key, iv, MAC and timestamp. */
async function appWithFreshSecret(): Promise<FluxApp> {
  const file = path.join(tempDir(), 'token.yaml');
  fs.writeFileSync(
    file,
    await encryptSopsFile(PLAINTEXT, {
      format: 'yaml',
      keyGroups: [[AgeRecipient.fromString(EXAMPLE_AGE_RECIPIENT)]],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' },
    }),
  );
  const app = new FluxApp({ outdir: tempDir() });
  const repo = new GitOpsRepository(app, 'lab', {
    url: 'ssh://git@github.com/o/lab',
    sops: { ageRecipient: EXAMPLE_AGE_RECIPIENT },
  });
  SopsSecret.fromFile(repo.service('api', { namespace: 'default' }), 'token', file);
  return app;
}

describe('snapshot testing', () => {
  test('synthSnapshot gives the validated tree as { path: content }, sorted, without writing it', async () => {
    const app = await appWithFreshSecret();
    const tree = synthSnapshot(app);
    expect(Object.keys(tree)).toEqual([...Object.keys(tree)].sort());
    expect(Object.keys(tree)).toContain('services/api/secret-token.yaml');
    expect(tree['flux/services/api.yaml']).toContain('name: sops-age');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('a re-encrypted secret gives the same snapshot, and the raw files really differ', async () => {
    const first = synthSnapshot(await appWithFreshSecret());
    const second = synthSnapshot(await appWithFreshSecret());
    expect(first['services/api/secret-token.yaml']).not.toBe(second['services/api/secret-token.yaml']);
    const masked = (tree: Record<string, string>) =>
      Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, maskSopsCiphertext(v)]));
    expect(masked(first)).toEqual(masked(second));
    expect(first).toMatchSnapshot();
  });

  test('masks ciphertext, wrapped data keys and timestamps, never plaintext', async () => {
    const text = synthSnapshot(await appWithFreshSecret())['services/api/secret-token.yaml'];
    const masked = maskSopsCiphertext(text);
    expect(masked).toContain(`TOKEN: ENC[AES256_GCM,data:${MASK},iv:${MASK},tag:${MASK},type:str]`);
    expect(masked).toContain('note: visible on purpose');
    expect(masked).toContain('name: token');
    expect(masked).toContain('recipient: age1');
    expect(masked).toContain(`-----BEGIN AGE ENCRYPTED FILE-----${MASK}-----END AGE ENCRYPTED FILE-----`);
    expect(masked).toMatch(new RegExp(`lastmodified: ${MASK}\\n`));
    expect(masked).toContain(`mac: ENC[AES256_GCM,data:${MASK}`);
    expect(masked).not.toMatch(/data:[A-Za-z0-9+/=]{4,}/);
    expect(maskSopsCiphertext(masked)).toBe(masked);
  });

  test('masks the JSON store and PGP blocks too', () => {
    const json = [
      '{',
      '\t"password": "ENC[AES256_GCM,data:qk3=,iv:AAAA,tag:BBBB,type:int]",',
      '\t"sops": {',
      '\t\t"pgp": [{ "created_at": "2026-01-02T03:04:05Z", "enc": "-----BEGIN PGP MESSAGE-----\\nwcFMA\\n-----END PGP MESSAGE-----" }],',
      '\t\t"lastmodified": "2026-01-02T03:04:05Z"',
      '\t}',
      '}',
    ].join('\n');
    expect(maskSopsCiphertext(json)).toBe(
      [
        '{',
        `\t"password": "ENC[AES256_GCM,data:${MASK},iv:${MASK},tag:${MASK},type:int]",`,
        '\t"sops": {',
        `\t\t"pgp": [{ "created_at": "2026-01-02T03:04:05Z", "enc": "-----BEGIN PGP MESSAGE-----${MASK}-----END PGP MESSAGE-----" }],`,
        `\t\t"lastmodified": ${MASK}`,
        '\t}',
        '}',
      ].join('\n'),
    );
  });

  test('the serializer handles strings with ciphertext only', () => {
    expect(sopsSnapshotSerializer.test('plain: text\n')).toBe(false);
    expect(sopsSnapshotSerializer.test({ a: 'ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]' })).toBe(false);
    expect(sopsSnapshotSerializer.test('a: ENC[AES256_GCM,data:AA==,iv:AA==,tag:AA==,type:str]')).toBe(true);
  });

  test('synthTreeOf builds and synthesizes in one call, and reports bad input', () => {
    expect(
      Object.keys(
        synthTreeOf((app) => new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab' }).service('x')),
      ),
    ).toContain('flux/services/x.yaml');
    expect(() => synthTreeOf((app) => new GitOpsRepository(app, 'lab', { url: '' }))).toThrow(/lab.*url/);
  });
});
