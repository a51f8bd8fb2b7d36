import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FluxApp, KUSTOMIZATION_FILE, compareTree } from '../../lib';
import { decryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { PgpIdentities } from '../../lib/sops/keys/pgp-identities';
import { EXAMPLE_PGP_FINGERPRINT, homelab } from '../../main';
import { describeWithTool } from '../support/tools';
import { readTreeFiles, tempDir } from '../support/temp';

function synthExample(): string {
  const outdir = tempDir();
  const app = new FluxApp({ outdir });
  homelab(app);
  app.synth();
  return outdir;
}

function documents(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown);
}

describe('the example cluster in main.ts', () => {
  test("podinfo's Flux Kustomization, GitRepository, Kustomization and Secret are the seed repository's, object by object", async () => {
    const outdir = synthExample();
    const read = (file: string) => fs.readFileSync(path.join(outdir, 'cluster-resources', file), 'utf8');
    const pgpKey = path.join(__dirname, '../fixtures/example-pgp-key.NEVER-USE.asc');
    const secretFile = 'services/podinfo/secret-podinfo-secret.yaml';
    // The Secret is compared as it decrypts with the example PGP key alone, as the cluster's sops-gpg Secret holds it.
    const { plaintext } = await decryptSopsFile(read(secretFile), {
      format: 'yaml',
      unwrappers: [await PgpIdentities.fromArmoredFile(pgpKey)],
      fileName: secretFile,
    });
    const ours = [
      ...documents(read('flux/services/podinfo.yaml')),
      ...documents(read('services/podinfo/gitrepository-podinfo.yaml')),
      ...documents(read('services/podinfo/kustomization-podinfo.yaml')),
      ...documents(plaintext),
    ];
    const seed = documents(fs.readFileSync(path.join(__dirname, '../fixtures/seed/podinfo.yaml'), 'utf8'));
    expect(ours).toEqual(seed);
  });

  test("is bootstrapped as the seed is, with `flux bootstrap ... --path=./cluster-resources/flux`, and .sops.yaml has the seed's rule shape", () => {
    const outdir = synthExample();
    const sync = documents(
      fs.readFileSync(path.join(outdir, 'cluster-resources/flux/flux-system/gotk-sync.yaml'), 'utf8'),
    );
    expect(sync[1]).toMatchObject({
      kind: 'Kustomization',
      metadata: { name: 'flux-system', namespace: 'flux-system' },
      spec: { path: './cluster-resources/flux', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    });
    const config = documents(fs.readFileSync(path.join(__dirname, '..', '..', '.sops.yaml'), 'utf8'))[0] as {
      creation_rules: Record<string, string>[];
    };
    expect(config.creation_rules).toHaveLength(1);
    expect(config.creation_rules[0]).toMatchObject({
      encrypted_regex: '^(data|stringData)$',
      pgp: EXAMPLE_PGP_FINGERPRINT,
    });
  });

  test('the committed dist/ is what main.ts synthesizes (run `npm run synth` after changing it)', () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    const differences = compareTree(app.synthTree(), path.join(__dirname, '..', '..', 'dist'));
    expect(differences.map((d) => `${d.change} ${d.file}`)).toEqual([]);
  });

  test("services depend on the infrastructure they need, the seed's podinfo on nothing", () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    const tree = app.synthTree();
    const deps = (file: string) =>
      (documents(tree.get(`cluster-resources/flux/services/${file}`) ?? '')[0] as { spec: { dependsOn: unknown } }).spec
        .dependsOn;
    expect(deps('podinfo.yaml')).toBeUndefined();
    expect(deps('podinfo-helm.yaml')).toEqual([{ name: 'cert-manager' }, { name: 'ingress-nginx' }]);
  });
});

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'kubectl kustomize on the example tree', () => {
  test('builds every folder that has a kustomization.yaml, and flux/ reaches every application', () => {
    const outdir = synthExample();
    const folders = [...readTreeFiles(outdir).keys()]
      .filter((f) => f.endsWith(`/${KUSTOMIZATION_FILE}`))
      .map((f) => path.dirname(f));
    expect(folders.length).toBeGreaterThan(8);
    const built = new Map<string, string>();
    for (const folder of folders) {
      built.set(folder, execFileSync('kubectl', ['kustomize', path.join(outdir, folder)], { encoding: 'utf8' }));
    }
    // Everything Flux applies is reached from the root flux/ folder: one Flux Kustomization per application folder.
    const applicationFolders = folders.filter((f) => /^cluster-resources\/(infrastructure|services)\/[^/]+$/.test(f));
    const fluxBuild = documents(built.get('cluster-resources/flux') ?? '') as {
      kind: string;
      spec: { path: string };
    }[];
    const appliedPaths = fluxBuild.filter((o) => o.kind === 'Kustomization').map((o) => o.spec.path);
    for (const folder of applicationFolders) expect(appliedPaths).toContain(`./${folder}`);
    expect(appliedPaths).toContain('./cluster-resources/flux');
  });
});
