import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { k8s } from 'cdk8s-plus-30';
import { parse, parseAllDocuments } from 'yaml';
import { FluxApp, GitOpsRepository, PlainFolder, SopsSecret } from '../../lib';
import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import { encryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { runValidate } from '../../lib/cli/validate-command';
import { describeWithTool } from '../support/tools';
import { tempDir } from '../support/temp';

const URL = 'ssh://git@github.com/o/lab';
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: n8n-env\n  namespace: n8n\nstringData:\n  KEY: x\n';

/** A SOPS file of SECRET encrypted for a fresh age key, and that key's recipient. */
async function encryptedSecret(): Promise<{ file: string; recipient: string }> {
  const recipient = await identityToRecipient(await generateX25519Identity());
  const file = path.join(tempDir(), 'n8n-env.yaml');
  fs.writeFileSync(
    file,
    await encryptSopsFile(SECRET, {
      format: 'yaml',
      keyGroups: [[AgeRecipient.fromString(recipient)]],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' },
    }),
  );
  return { file, recipient };
}

/** A repository with podinfo synced by Flux and n8n kept for `kubectl apply -k`, holding an encrypted Secret. */
async function labWithUnsyncedN8n(outdir: string) {
  const { file, recipient } = await encryptedSecret();
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'lab', { url: URL, sops: { ageRecipient: recipient } });
  const podinfo = repo.service('podinfo');
  new k8s.KubeConfigMap(podinfo, 'config', { metadata: { name: 'podinfo', namespace: 'default' } });
  const n8n = repo.service('n8n', { sync: false, objectNamespace: 'n8n' });
  new k8s.KubeNamespace(n8n, 'namespace', { metadata: { name: 'n8n' } });
  new k8s.KubeConfigMap(n8n, 'config', { metadata: { name: 'n8n-config' }, data: { TZ: 'UTC' } });
  SopsSecret.fromFile(n8n, 'n8n-env', file, { namespace: 'n8n' });
  return { app, repo, n8n };
}

describe('a folder Flux does not apply', () => {
  test('GIVEN repo.service(name, { sync: false }) WHEN synthesized THEN the folder and its kustomization.yaml are written, with no Flux Kustomization', async () => {
    const { app, n8n } = await labWithUnsyncedN8n(tempDir());
    expect(n8n).toBeInstanceOf(PlainFolder);
    const tree = app.synthTree();
    expect([...tree.keys()].filter((f) => f.includes('n8n'))).toEqual([
      'services/n8n/configmap-n8n-config.yaml',
      'services/n8n/kustomization.yaml',
      'services/n8n/namespace-n8n.yaml',
      'services/n8n/secret-n8n-env.yaml',
    ]);
    expect(parse(tree.get('services/n8n/kustomization.yaml')!)).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['configmap-n8n-config.yaml', 'namespace-n8n.yaml', 'secret-n8n-env.yaml'],
    });
    // THEN the layer's kustomization.yaml lists it (kubectl apply -k services/ applies both), flux/ does not
    expect((parse(tree.get('services/kustomization.yaml')!) as { resources: string[] }).resources).toEqual([
      'n8n',
      'podinfo',
    ]);
    expect((parse(tree.get('flux/services/kustomization.yaml')!) as { resources: string[] }).resources).toEqual([
      'podinfo.yaml',
    ]);
  });

  test('GIVEN a SopsSecret in it WHEN synthesized THEN it is copied as it is, and no Flux Kustomization decrypts', async () => {
    const { app } = await labWithUnsyncedN8n(tempDir());
    const tree = app.synthTree();
    const secret = parse(tree.get('services/n8n/secret-n8n-env.yaml')!) as { stringData: { KEY: string } };
    expect(secret.stringData.KEY).toMatch(/^ENC\[AES256_GCM,/);
    const podinfo = parse(tree.get('flux/services/podinfo.yaml')!) as { spec: Record<string, unknown> };
    expect(podinfo.spec.decryption).toBeUndefined();
  });

  test('GIVEN objectNamespace WHEN synthesized THEN namespaced objects that set none get it, cluster-scoped ones do not', async () => {
    const { app } = await labWithUnsyncedN8n(tempDir());
    const tree = app.synthTree();
    expect(parse(tree.get('services/n8n/configmap-n8n-config.yaml')!)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'n8n-config', namespace: 'n8n' },
      data: { TZ: 'UTC' },
    });
    expect(parse(tree.get('services/n8n/namespace-n8n.yaml')!)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'n8n' },
    });
  });

  test('GIVEN folders Flux does not apply WHEN synthesized THEN the .cdk8s-flux.yaml of the tree root lists them, and validate of the written tree warns of none', async () => {
    const outdir = tempDir();
    const { app, repo } = await labWithUnsyncedN8n(outdir);
    new k8s.KubeConfigMap(repo.folder('manual/tools'), 'cm', { metadata: { name: 'cm', namespace: 'tools' } });
    app.synth();
    expect(parse(fs.readFileSync(path.join(outdir, '.cdk8s-flux.yaml'), 'utf8'))).toMatchObject({
      appliedByHand: ['manual/tools', 'services/n8n'],
    });
    const lines: string[] = [];
    const code = await runValidate([outdir, '--strict'], {
      out: (l) => void lines.push(l),
      err: (l) => void lines.push(l),
    });
    expect({ code, lines }).toEqual({ code: 0, lines: [expect.stringMatching(/^ok: \d+ objects in \d+ files$/)] });
  });

  test('GIVEN a clear-text Secret in it WHEN synthesized THEN the plaintext guard refuses it as anywhere else', () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL });
    const manual = repo.folder('manual/n8n');
    new k8s.KubeSecret(manual, 'env', { metadata: { name: 'env', namespace: 'n8n' }, stringData: { KEY: 'x' } });
    expect(() => app.synthTree()).toThrow(
      /lab\/Folder manual--n8n\/env.*manual\/n8n\/secret-env\.yaml.*(data|stringData) holds a Secret value in clear text/,
    );
  });

  test('GIVEN repo.folder(path) WHEN synthesized THEN it is written at that path of the tree, listed by its parents', () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL, path: 'cluster' });
    const manual = repo.folder('manual/tools', { objectNamespace: 'tools' });
    new k8s.KubeConfigMap(manual, 'cm', { metadata: { name: 'cm' } });
    const tree = app.synthTree();
    expect(parse(tree.get('cluster/manual/kustomization.yaml')!)).toMatchObject({ resources: ['tools'] });
    expect(parse(tree.get('cluster/manual/tools/configmap-cm.yaml')!)).toMatchObject({
      metadata: { name: 'cm', namespace: 'tools' },
    });
  });

  test('GIVEN a SopsSecret in it and a repository without a key WHEN synthesized THEN the missing key is reported', async () => {
    const { file } = await encryptedSecret();
    const app = new FluxApp({ outdir: tempDir() });
    const n8n = new GitOpsRepository(app, 'lab', { url: URL }).service('n8n', { sync: false });
    SopsSecret.fromFile(n8n, 'n8n-env', file, { namespace: 'n8n' });
    expect(() => app.synthTree()).toThrow(
      /sops is used in lab\/services\/n8n, but the repository declares no decryption key/,
    );
  });
});

describe('an encrypted file named as people name it', () => {
  test('GIVEN SopsSecret fileName "n8n-env.sops.yaml" WHEN synthesized THEN the file keeps that name and is listed', async () => {
    const { file, recipient } = await encryptedSecret();
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL, sops: { ageRecipient: recipient } });
    const n8n = repo.service('n8n', { sync: false });
    SopsSecret.fromFile(n8n, 'n8n-env', file, { namespace: 'n8n', fileName: 'n8n-env.sops.yaml' });
    const tree = app.synthTree();
    expect(tree.has('services/n8n/n8n-env.sops.yaml')).toBe(true);
    expect(parse(tree.get('services/n8n/kustomization.yaml')!)).toMatchObject({ resources: ['n8n-env.sops.yaml'] });
  });

  test('GIVEN SopsSecret fileName with a folder in it THEN synth names the construct, the field and the fix', async () => {
    const { file, recipient } = await encryptedSecret();
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', { url: URL, sops: { ageRecipient: recipient } });
    SopsSecret.fromFile(repo.service('n8n'), 'n8n-env', file, { namespace: 'n8n', fileName: '../env.yaml' });
    expect(() => app.synthTree()).toThrow(
      /lab\/services\/n8n\/n8n-env: fileName "..\/env.yaml" is not a file name a folder can hold .*; use a name such as/,
    );
  });
});

describeWithTool(
  'kubectl',
  'install kubectl (it ships kustomize)',
  'kubectl kustomize on a folder Flux does not apply',
  () => {
    test('builds it with the encrypted Secret as it is, for `sops -d` or kubectl with a SOPS plugin', async () => {
      const outdir = tempDir();
      const { app } = await labWithUnsyncedN8n(outdir);
      app.synth();
      const built = execFileSync('kubectl', ['kustomize', path.join(outdir, 'services/n8n')], { encoding: 'utf8' });
      const kinds = parseAllDocuments(built).map((d) => (d.toJS() as { kind: string }).kind);
      expect(kinds.sort()).toEqual(['ConfigMap', 'Namespace', 'Secret']);
    });
  },
);
