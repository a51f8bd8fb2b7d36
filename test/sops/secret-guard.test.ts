import { k8s } from 'cdk8s-plus-30';
import * as fs from 'fs';
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
      /lab\/services\/podinfo\/token \(services\/podinfo\/secret-token.yaml\): data holds a Secret value in clear text.*SopsSecret.fromFile/,
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
    expect([...a.synthTree().values()].join('\n')).not.toContain('sops-gpg');
  });
});
