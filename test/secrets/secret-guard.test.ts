import { ApiObject, Include } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, GitOpsRepository, allowPlaintextSecret } from '../../lib';

import { readTreeFiles, tempDir } from '../support/temp';

function app(outdir = tempDir()) {
  const a = new FluxApp({ outdir });
  const repo = new GitOpsRepository(a, 'lab', { url: 'ssh://git@github.com/o/lab' });
  return { app: a, repo, outdir };
}

describe('the plaintext Secret guard', () => {
  test('a Secret with clear-text data makes synth fail and writes nothing', () => {
    const { app: a, repo, outdir } = app();
    new k8s.KubeSecret(repo.service('podinfo'), 'token', {
      metadata: { name: 'token', namespace: 'default' },
      stringData: { TOKEN: 'hunter2' },
    });
    expect(() => a.synth()).toThrow(
      /lab\/services\/podinfo\/token \(services\/podinfo\/secret-token.yaml\): (data|stringData) holds a Secret value in clear text.*SopsSecret.fromFile/,
    );
    expect(() => a.synth()).not.toThrow(/hunter2/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('one Secret may be opted out with a stated reason', () => {
    const { app: a, repo } = app();
    const ca = new k8s.KubeSecret(repo.service('podinfo'), 'ca', {
      metadata: { name: 'ca', namespace: 'default' },
      stringData: { 'ca.crt': 'public certificate' },
    });
    allowPlaintextSecret(ca, 'a public CA certificate');
    expect([...a.synthTree().keys()]).toContain('services/podinfo/secret-ca.yaml');
    expect(() => allowPlaintextSecret(ca, ' ')).toThrow(/needs a reason/);
  });

  test('a Secret without data is not a secret value and passes', () => {
    const { app: a, repo, outdir } = app();
    new k8s.KubeSecret(repo.service('podinfo'), 'empty', { metadata: { name: 'empty', namespace: 'default' } });
    a.synth();
    expect([...readTreeFiles(outdir).keys()]).toContain('services/podinfo/secret-empty.yaml');
  });
});

const PASSWORD = 'Hunter2-S3cr3t!x';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** sops metadata that is well-formed (key stanza, lastmodified, an ENC[...] MAC) but decrypts nothing. */
const SOPS_METADATA = `sops:
  age:
    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        YWJj
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2025-01-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.0
`;

/** A Secret document with the given `data` lines and sops metadata. */
const sopsSecret = (data: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: default\n${data}${SOPS_METADATA}`;

describe('the plaintext Secret guard, whatever made the Secret', () => {
  /** Synth fails naming `message`, never the password, and writes nothing. */
  function expectRefused(a: FluxApp, outdir: string, message: RegExp): void {
    let error: unknown;
    try {
      a.synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(b64(PASSWORD));
    expect(fs.readdirSync(outdir)).toEqual([]);
  }

  test.each([
    ['a value in clear', `data:\n  password: ${b64(PASSWORD)}\n`, /data\.password is not encrypted/],
    ['data as one string', `data: ${b64(PASSWORD)}\n`, /: data is not encrypted/],
    ['a value that only looks encrypted', `data:\n  password: ENC[${b64(PASSWORD)}]\n`, /data\.password is not encrypted/],
  ])('GIVEN an Include of a file with sops metadata and %s WHEN synth THEN it fails', (_, data, message) => {
    const { app: a, repo, outdir } = app();
    const file = path.join(tempDir(), 'db.yaml');
    fs.writeFileSync(file, sopsSecret(data));
    new Include(repo.service('podinfo'), 'db', { url: file });
    expectRefused(a, outdir, message);
  });

  test('GIVEN an ApiObject Secret with an empty sops field WHEN synth THEN it fails on the metadata and the value', () => {
    const { app: a, repo, outdir } = app();
    new ApiObject(repo.service('podinfo'), 'db', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      data: { password: b64(PASSWORD) },
      sops: {},
    });
    expectRefused(a, outdir, /lab\/services\/podinfo\/db .*sops\.mac is missing.*\n.*data\.password is not encrypted/s);
  });

  test('GIVEN a List holding a Secret in clear WHEN synth THEN it fails', () => {
    const { app: a, repo, outdir } = app();
    new ApiObject(repo.service('podinfo'), 'list', {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { name: 'list' },
      items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: PASSWORD } }],
    });
    expectRefused(a, outdir, /items\[0\]\.(data|stringData) holds a Secret value in clear text/);
  });

  test('GIVEN a Secret whose data is a string WHEN synth THEN it fails', () => {
    const { app: a, repo, outdir } = app();
    new ApiObject(repo.service('podinfo'), 'db', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      stringData: PASSWORD,
    });
    expectRefused(a, outdir, /db\.yaml\): (data|stringData) holds a Secret value in clear text/);
  });

  test('GIVEN an included file with sops metadata opted out by name WHEN synth THEN its clear value is allowed', () => {
    const { app: a, repo } = app();
    const file = path.join(tempDir(), 'ca.yaml');
    fs.writeFileSync(file, sopsSecret(`data:\n  ca.crt: ${b64('public certificate')}\n`));
    const include = new Include(repo.service('podinfo'), 'ca', { url: file });
    allowPlaintextSecret(include.apiObjects[0], 'a public CA certificate');
    expect([...a.synthTree().keys()]).toContain('services/podinfo/secret-db.yaml');
  });
});

describe('the repository decryption key', () => {
  test.each([
    [{}, /lab: sops names no key; set ageRecipient/],
    [
      { ageRecipient: 'age1short' },
      /lab: sops.ageRecipient "age1short" is not an age recipient; use the public key printed by `age-keygen -y/,
    ],
    [{ pgpFingerprint: 'ABCD' }, /lab: sops.pgpFingerprint "ABCD" is not a PGP fingerprint; use the 40 hex digits/],
  ])('%j is refused with a fix', (sops, message) => {
    const a = new FluxApp({ outdir: tempDir() });
    expect(() => new GitOpsRepository(a, 'lab', { url: 'ssh://git@github.com/o/lab', sops })).toThrow(message);
  });

  test('the key Secret defaults by kind of key and is declared, not written', () => {
    const a = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(a, 'lab', {
      url: 'ssh://git@github.com/o/lab',
      sops: { pgpFingerprint: 'fbc7 b9e2 a4f9 289a c0c1 d4be 3b4e 0d4f 3e5c 6b7a'.replace(/ /g, '') },
    });
    expect(repo.sopsKey).toEqual({
      ageRecipient: undefined,
      pgpFingerprint: 'FBC7B9E2A4F9289AC0C1D4BE3B4E0D4F3E5C6B7A',
      secretName: 'sops-gpg',
    });
    const { '.cdk8s-flux.yaml': declarations, ...files } = Object.fromEntries(a.synthTree());
    expect(Object.values(files).join('\n')).not.toContain('sops-gpg');
    expect(declarations).toContain('\n  - Secret/flux-system/sops-gpg\n');
  });
});
