import { k8s } from 'cdk8s-plus-30';
import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, GitOpsRepository, allowPlaintextSecret, formatIssue } from '../../lib';
import { runValidate } from '../../lib/cli/validate-command';
import { ManifestRecord } from '../../lib/validate/record';
import { validateRecords } from '../../lib/validate/validate-records';
import { tempDir } from '../support/temp';

const SECRET = 'Hunter2-S3cr3t!x';

/** An encrypted value as sops writes it: `data:` holds the base64 ciphertext, empty for an empty string. */
const enc = (data: string) =>
  `ENC[AES256_GCM,data:${data},iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:AAAAAAAAAAAAAAAAAAAAAA==,type:str]`;

function secret(fields: Record<string, unknown>, extra: Partial<ManifestRecord> = {}): ManifestRecord {
  return {
    manifest: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'apps' }, ...fields },
    file: 'apps/db.yaml',
    ...extra,
  };
}

const valueIssues = (record: ManifestRecord) =>
  validateRecords([record])
    .filter((i) => /data/i.test(i.field ?? '') && !/clear text/.test(i.message))
    .map(formatIssue);

describe('Secret values Kubernetes would blank or override', () => {
  test('GIVEN a key in both data and stringData WHEN checked THEN it is refused, naming the key', () => {
    const issues = valueIssues(
      secret({ data: { password: enc('c2VjcmV0') }, stringData: { password: enc('') } }, { encrypted: true }),
    );
    expect(issues).toContainEqual(expect.stringMatching(/^\(apps\/db\.yaml\): stringData\.password .*also in data/));
  });

  test.each([
    ['an encrypted empty string in stringData', { stringData: { password: enc('') } }, 'stringData.password'],
    ['an encrypted empty string in data', { data: { token: enc('') } }, 'data.token'],
  ])('GIVEN %s WHEN checked THEN it is refused as empty', (_, fields, field) => {
    const issues = valueIssues(secret(fields, { encrypted: true }));
    expect(issues).toContainEqual(expect.stringContaining(`${field} is empty`));
  });

  test('GIVEN non-empty values in data and stringData under different keys WHEN checked THEN nothing is reported', () => {
    expect(
      valueIssues(secret({ data: { a: enc('YQ==') }, stringData: { b: enc('Yg==') } }, { encrypted: true })),
    ).toEqual([]);
  });

  test('GIVEN an allowed clear-text Secret with an empty value WHEN synthesized THEN synth fails', () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab' });
    const ca = new k8s.KubeSecret(repo.service('podinfo'), 'ca', {
      metadata: { name: 'ca', namespace: 'default' },
      data: { 'ca.crt': Buffer.from(SECRET).toString('base64') },
      stringData: { 'ca.crt': '' },
    });
    allowPlaintextSecret(ca, 'a public CA certificate');
    expect(() => app.synth()).toThrow(/stringData\.ca\.crt is empty/);
    expect(() => app.synth()).toThrow(/stringData\.ca\.crt .*also in data/);
    expect(() => app.synth()).not.toThrow(new RegExp(SECRET));
  });

  test('GIVEN a hand-written tree with a blanked password WHEN validated THEN validate fails, naming the field', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.writeFileSync(
      path.join(dir, 'apps', 'db.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\ndata:\n  password: ${enc('c2VjcmV0')}\nstringData:\n  password: ${enc('')}\nsops:\n  mac: x\n`,
    );
    const lines: string[] = [];
    const code = await runValidate([dir], { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/apps\/db\.yaml:\d+\): stringData\.password .*also in data/);
  });
});
