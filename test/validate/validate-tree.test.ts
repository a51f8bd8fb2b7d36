import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, GitOpsRepository, HelmChartSource, HelmRelease, HelmRepository } from '../../lib';
import { CliIo } from '../../lib/cli/io';
import { runCli } from '../../lib/cli/main';
import { runValidate } from '../../lib/cli/validate-command';
import { readTree } from '../../lib/validate/read-tree';
import { parseExternalDeclaration, validateTree } from '../../lib/validate/validate-tree';
import { EXAMPLE_AGE_RECIPIENT, homelab } from '../../main';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';

const REFERENCE = sharedDir('reference', 'flux2-kustomize-helm-example');

/** An io that keeps what a command prints. */
function fakeIo(): CliIo & { readonly lines: string[]; readonly errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => void lines.push(l), err: (l) => void errors.push(l) };
}

/** Runs `cdk8s-flux validate ...args` and returns its exit code and output lines. */
async function validate(...args: string[]): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const io = fakeIo();
  const code = await runValidate(args, io);
  return { code, lines: io.lines, errors: io.errors };
}

/** Adds `name` to the resources of apps/base/podinfo/kustomization.yaml. */
function listInPodinfo(dir: string, name: string): void {
  edit(dir, 'apps/base/podinfo/kustomization.yaml', (t) => `${t}  - ${name}\n`);
}

/** Gives both clusters' apps Kustomization SOPS decryption, which an encrypted file it applies needs. */
function decryptApps(dir: string): void {
  for (const env of ['staging', 'production'])
    edit(dir, `clusters/${env}/apps.yaml`, (t) => `${t}  decryption:\n    provider: sops\n`);
}

/** A copy of the reference tree in a temp folder, for a test to break. */
function referenceCopy(): string {
  const dir = tempDir('cdk8s-flux-validate-');
  fs.cpSync(REFERENCE, dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(p, after);
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

describe('cdk8s-flux validate on the Flux reference repository', () => {
  test('passes, counting its objects and files', async () => {
    expect(await validate(REFERENCE)).toEqual({ code: 0, lines: ['ok: 32 objects in 13 files'], errors: [] });
  });

  test('reads objects, leaves out patches and tool files, and knows the bootstrap objects of both clusters', () => {
    const tree = readTree(REFERENCE);
    expect(tree.clusters).toEqual(['clusters/production', 'clusters/staging']);
    expect(tree.files).not.toContain('apps/production/podinfo-values.yaml');
    expect(tree.files).not.toContain('.fluxschema.yml');
    expect(tree.issues).toEqual([]);
    const external = tree.records.filter((r) => r.external).map((r) => `${r.file} ${String(r.manifest.kind)}`);
    expect(external).toEqual([
      'clusters/production/flux-system/gotk-sync.yaml GitRepository',
      'clusters/production/flux-system/gotk-sync.yaml Kustomization',
      'clusters/production/flux-system/gotk-sync.yaml Secret',
      'clusters/staging/flux-system/gotk-sync.yaml GitRepository',
      'clusters/staging/flux-system/gotk-sync.yaml Kustomization',
      'clusters/staging/flux-system/gotk-sync.yaml Secret',
    ]);
  });
});

describe('cdk8s-flux validate on broken copies of the reference repository', () => {
  test('a typo in a sourceRef', async () => {
    const dir = referenceCopy();
    edit(dir, 'clusters/production/apps.yaml', (t) =>
      t.replace('kind: ExternalArtifact\n    name: apps', 'kind: ExternalArtifact\n    name: aps'),
    );
    expect(await validate(dir)).toEqual({
      code: 1,
      lines: [
        '(clusters/production/apps.yaml:13): spec.sourceRef "ExternalArtifact/flux-system/aps" does not resolve to any object in the tree; create it, fix the name (did you mean "apps"?), or pass --external ExternalArtifact/flux-system/aps if it is made outside this tree [cluster clusters/production]',
        '1 problem in 1 file',
      ],
      errors: [],
    });
  });

  test('a typo in a chart sourceRef of a shared base is reported once, not once per cluster', async () => {
    const dir = referenceCopy();
    edit(dir, 'apps/base/podinfo/release.yaml', (t) =>
      t.replace('kind: HelmRepository\n        name: podinfo', 'kind: HelmRepository\n        name: podinf'),
    );
    const { code, lines } = await validate(dir);
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\(apps\/base\/podinfo\/release\.yaml:\d+\): spec\.chart\.spec\.sourceRef "HelmRepository\/podinfo\/podinf" does not resolve .*did you mean "podinfo"\?/,
      ),
      '1 problem in 1 file',
    ]);
  });

  test('a dependsOn cycle in one cluster', async () => {
    const dir = referenceCopy();
    edit(dir, 'clusters/staging/infrastructure.yaml', (t) =>
      t.replace(
        '  name: infra-controllers\n  namespace: flux-system\nspec:\n',
        '  name: infra-controllers\n  namespace: flux-system\nspec:\n  dependsOn:\n    - name: apps\n',
      ),
    );
    expect((await validate(dir)).lines).toEqual([
      '(clusters/staging/apps.yaml:8): spec.dependsOn "flux-system/apps -> flux-system/infra-configs -> flux-system/infra-controllers -> flux-system/apps" forms a dependency cycle of Kustomizations, so none of them ever becomes ready; remove one of these dependsOn entries [cluster clusters/staging]',
      '1 problem in 1 file',
    ]);
  });

  test('a resources entry pointing to a missing file, and a patch that is not there', async () => {
    const dir = referenceCopy();
    edit(dir, 'infrastructure/controllers/kustomization.yaml', (t) => `${t}  - traefik.yaml\n`);
    edit(dir, 'apps/staging/kustomization.yaml', (t) =>
      t.replace('path: podinfo-values.yaml', 'path: podinfo-value.yaml'),
    );
    const fix = 'fix the kustomization.yaml files that folder builds (the problems found in them are listed too)';
    expect((await validate(dir)).lines).toEqual([
      '(apps/staging/kustomization.yaml:6): patches[0].path "podinfo-value.yaml" points to a patch file that does not exist; create apps/staging/podinfo-value.yaml, or fix the path (did you mean "podinfo-values.yaml"?)',
      `(clusters/production/infrastructure.yaml:14): spec.path "./controllers" cannot be built by Kustomize, so Flux fails to apply it (resource traefik.yaml is missing); ${fix} (also in 1 other file: clusters/staging/infrastructure.yaml)`,
      `(clusters/staging/apps.yaml:16): spec.path "./staging" cannot be built by Kustomize, so Flux fails to apply it (patch file podinfo-value.yaml is missing); ${fix}`,
      '(infrastructure/controllers/kustomization.yaml:6): resources[2] "traefik.yaml" points to a file or folder that does not exist; create infrastructure/controllers/traefik.yaml, fix the entry, or remove it',
      // the patch file is no longer used by anything: Flux works around it, so a warning
      expect.stringMatching(
        /^warning: \(apps\/staging\/podinfo-values\.yaml\): resources holds objects that apps\/staging\/kustomization\.yaml does not list/,
      ),
      // a failing build applies nothing
      expect.stringMatching(
        /^warning: \(infrastructure\/controllers\/\): files "cert-manager.yaml, envoy-gateway.yaml" hold objects that no Flux Kustomization/,
      ),
      '4 problems in 5 files, 2 warnings',
    ]);
  });

  test('a resources entry naming a folder without a kustomization.yaml', async () => {
    const dir = referenceCopy();
    write(
      dir,
      'apps/base/redis/deployment.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: redis\n  namespace: podinfo\n',
    );
    edit(dir, 'apps/staging/kustomization.yaml', (t) =>
      t.replace('  - ../base/podinfo\n', '  - ../base/podinfo\n  - ../base/redis\n'),
    );
    expect((await validate(dir)).lines[0]).toBe(
      '(apps/staging/kustomization.yaml:5): resources[1] "../base/redis" is a folder without a kustomization.yaml; add apps/base/redis/kustomization.yaml listing its files',
    );
  });

  test('a duplicate object', async () => {
    const dir = referenceCopy();
    fs.copyFileSync(
      path.join(dir, 'apps/base/podinfo/repository.yaml'),
      path.join(dir, 'apps/base/podinfo/repository-copy.yaml'),
    );
    listInPodinfo(dir, 'repository-copy.yaml');
    // Kustomize itself refuses two equal objects in one build, so Flux applies nothing of either cluster's apps
    const cause = 'two resources are the same object, HelmRepository.v1.source.toolkit.fluxcd.io/podinfo.podinfo';
    const fix = 'fix the kustomization.yaml files that folder builds (the problems found in them are listed too)';
    expect((await validate(dir)).lines).toEqual([
      `(clusters/production/apps.yaml:16): spec.path "./production" cannot be built by Kustomize, so Flux fails to apply it (${cause}); ${fix}`,
      `(clusters/staging/apps.yaml:16): spec.path "./staging" cannot be built by Kustomize, so Flux fails to apply it (${cause}); ${fix}`,
      expect.stringMatching(
        /^warning: \(apps\/base\/podinfo\/\): files "namespace.yaml, release.yaml, repository-copy.yaml, repository.yaml" hold objects that no Flux Kustomization/,
      ),
      '2 problems in 2 files, 1 warning',
    ]);
  });

  test("a file of objects that its folder's kustomization.yaml does not list", async () => {
    const dir = referenceCopy();
    fs.copyFileSync(
      path.join(dir, 'apps/base/podinfo/repository.yaml'),
      path.join(dir, 'apps/base/podinfo/repository-copy.yaml'),
    );
    // often a file left out on purpose (commented out): a warning
    expect((await validate(dir)).lines).toEqual([
      'warning: (apps/base/podinfo/repository-copy.yaml): resources holds objects that apps/base/podinfo/kustomization.yaml does not list, so Flux never applies them; add repository-copy.yaml to resources in apps/base/podinfo/kustomization.yaml, or remove the file',
      'ok: 32 objects in 13 files, 1 warning',
    ]);
    expect((await validate(dir, '--strict')).code).toBe(1);
  });

  const encryptedSecret = (sops: string, kind = 'Secret') => `apiVersion: v1
kind: ${kind}
metadata:
  name: podinfo-token
  namespace: podinfo
data:
  token: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]
sops:
${sops}`;
  const age = `  age:
    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        YWJj
        -----END AGE ENCRYPTED FILE-----
`;
  const good = `${age}  lastmodified: "2025-01-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.0
`;

  test('an encrypted file with SOPS metadata passes; with its kind encrypted, or without a MAC, it fails', async () => {
    const dir = referenceCopy();
    write(dir, 'apps/base/podinfo/token.yaml', encryptedSecret(good));
    listInPodinfo(dir, 'token.yaml');
    decryptApps(dir);
    expect((await validate(dir)).lines).toEqual(['ok: 34 objects in 14 files']);
    expect(readTree(dir).records.find((r) => r.file === 'apps/base/podinfo/token.yaml')?.encrypted).toBe(true);

    write(
      dir,
      'apps/base/podinfo/token.yaml',
      encryptedSecret(good, 'ENC[AES256_GCM,data:U2VjcmV0,iv:aXY=,tag:dGFn,type:str]'),
    );
    expect((await validate(dir)).lines).toContain(
      '(apps/base/podinfo/token.yaml:2): kind is encrypted, but Flux must read it before decrypting; encrypt only data and stringData: set encrypted_regex: ^(data|stringData)$ in .sops.yaml and encrypt again',
    );

    write(dir, 'apps/base/podinfo/token.yaml', encryptedSecret(good.replace(/ {2}mac: .*\n/, '')));
    expect((await validate(dir)).lines).toEqual([
      '(apps/base/podinfo/token.yaml:8): sops.mac is missing, so nobody can tell whether the file was tampered with; encrypt the file again with `cdk8s-flux secret create` or `sops encrypt` [cluster clusters/production, clusters/staging]',
      '1 problem in 1 file',
    ]);

    write(
      dir,
      'apps/base/podinfo/token.yaml',
      encryptedSecret('  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[x]\n'),
    );
    expect((await validate(dir)).lines).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml:\d+\): sops holds no age or PGP key stanza/),
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml:\d+\): sops\.mac is not an encrypted MAC/),
      '2 problems in 1 file',
    ]);
  });

  test.each([
    ['a value in clear', 'data:\n  token: SHVudGVyMg==\n', 'data.token is not encrypted'],
    ['data as one string', 'data: SHVudGVyMg==\n', 'data is not encrypted'],
    ['a value that only looks encrypted', 'data:\n  token: ENC[SHVudGVyMg==]\n', 'data.token is not encrypted'],
  ])('a Secret with SOPS metadata and %s fails, applied or not, naming no value', async (_, data, message) => {
    const dir = referenceCopy();
    const file = encryptedSecret(good).replace(/^data:\n.*\n/m, data);
    write(dir, 'apps/base/podinfo/token.yaml', file);
    const unlisted = (await validate(dir)).lines;
    expect(unlisted[0]).toMatch(
      new RegExp(`^\\(apps/base/podinfo/token\\.yaml(:\\d+)?\\): ${message.replace('.', '\\.')};`),
    );
    listInPodinfo(dir, 'token.yaml');
    decryptApps(dir);
    const listed = (await validate(dir)).lines;
    expect(listed[0]).toMatch(
      new RegExp(`^\\(apps/base/podinfo/token\\.yaml(:\\d+)?\\): ${message.replace('.', '\\.')};`),
    );
    expect(listed[listed.length - 1]).toMatch(/^1 problem in 1 file/);
    expect([...unlisted, ...listed].join('\n')).not.toMatch(/SHVudGVyMg|Hunter2/);
  });

  test('a Secret in clear text', async () => {
    const dir = referenceCopy();
    write(
      dir,
      'apps/base/podinfo/token.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\n  namespace: podinfo\nstringData:\n  token: hunter2\n',
    );
    // a file no kustomization.yaml lists is still committed to git, so the guard looks at it too
    const unlisted = (await validate(dir)).lines;
    expect(unlisted).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml:6\): stringData holds a Secret value in clear text/),
      expect.stringMatching(/^warning: \(apps\/base\/podinfo\/token\.yaml\): resources holds objects that/),
      '1 problem in 1 file, 1 warning',
    ]);
    listInPodinfo(dir, 'token.yaml');
    decryptApps(dir);
    const listed = (await validate(dir)).lines;
    expect(listed).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml:6\): stringData holds a Secret value in clear text/),
      '1 problem in 1 file',
    ]);
    expect([...unlisted, ...listed].join('\n')).not.toContain('hunter2');
  });

  test('a YAML syntax error', async () => {
    const dir = referenceCopy();
    write(dir, 'infrastructure/configs/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n');
    expect((await validate(dir)).lines[0]).toMatch(
      /^\(infrastructure\/configs\/broken\.yaml:\d+\): yaml "line \d+" is not valid YAML \(.+\); fix the syntax/,
    );
  });

  test('a schema problem of a Flux object', async () => {
    const dir = referenceCopy();
    edit(dir, 'apps/base/podinfo/repository.yaml', (t) => t.replace('interval: 5m', 'interval: 5 minutes'));
    expect((await validate(dir)).lines).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/repository\.yaml:\d+\): spec\.interval "5 minutes"/),
      '1 problem in 1 file',
    ]);
  });

  test('a SOPS key Secret made out of band is a warning until declared with --external or in .cdk8s-flux.yaml', async () => {
    const dir = referenceCopy();
    edit(
      dir,
      'clusters/production/apps.yaml',
      (t) => `${t}  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n`,
    );
    expect((await validate(dir)).lines).toEqual([
      'warning: (clusters/production/apps.yaml:21): spec.decryption.secretRef "Secret/flux-system/sops-age" does not resolve to any object in the tree; create it, fix the name, or pass --external Secret/flux-system/sops-age if it is made outside this tree [cluster clusters/production]',
      'ok: 32 objects in 13 files, 1 warning',
    ]);
    expect((await validate(dir, '--strict')).code).toBe(1);
    expect(await validate(dir, '--strict', '--external', 'Secret/flux-system/sops-age')).toMatchObject({
      code: 0,
      lines: ['ok: 32 objects in 13 files'],
    });
    expect((await validate(dir, '--strict', '--external=Secret/sops-age')).code).toBe(0);
    expect((await validate(dir, '--strict', '--external', 'Secret/other/sops-age')).code).toBe(1);
    write(dir, '.cdk8s-flux.yaml', 'external:\n  - Secret/flux-system/sops-age\n');
    expect((await validate(dir, '--strict')).lines).toEqual(['ok: 32 objects in 13 files']);
    write(dir, '.cdk8s-flux.yaml', 'external:\n  - Secret\n');
    expect(await validate(dir)).toEqual({
      code: 1,
      lines: [],
      errors: [
        'cdk8s-flux validate: .cdk8s-flux.yaml: external[0] "Secret" is not Kind/namespace/name or Kind/name; write e.g. Secret/flux-system/sops-age',
      ],
    });
  });
});

describe('cdk8s-flux validate on other trees', () => {
  test('a synthesized tree passes with no flags: synth records what the code declares in .cdk8s-flux.yaml', async () => {
    const outdir = tempDir();
    const app = new FluxApp({ outdir });
    homelab(app);
    app.synth();
    expect(fs.readFileSync(path.join(outdir, 'cluster-resources/.cdk8s-flux.yaml'), 'utf8')).toMatch(
      /\nexternal:\n {2}- Secret\/flux-system\/flux-system\n {2}- Secret\/flux-system\/sops-gpg\n$/,
    );
    expect(await validate(outdir, '--strict')).toEqual({ code: 0, lines: ['ok: 18 objects in 17 files'], errors: [] });
    // Without the file, the SOPS key Secret (made out of band with the private key) is unknown again.
    fs.rmSync(path.join(outdir, 'cluster-resources/.cdk8s-flux.yaml'));
    expect((await validate(outdir)).lines[0]).toMatch(
      /spec.decryption.secretRef "Secret\/flux-system\/sops-gpg" does not resolve/,
    );
    expect((await validate(outdir, '--external', 'Secret/flux-system/sops-gpg', '--strict')).code).toBe(0);
  });

  test('a gotk-sync.yaml whose GitRepository names another Secret: only that one is known', async () => {
    const dir = tempDir();
    write(
      dir,
      'flux-system/gotk-sync.yaml',
      `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: deploy-key
  url: ssh://git@github.com/o/r
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
    );
    write(
      dir,
      'apps/repo.yaml',
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: r\n  namespace: flux-system\nspec:\n  url: https://charts.example.com\n  interval: 5m\n  secretRef:\n    name: flux-system\n',
    );
    expect(readTree(dir).clusters).toEqual(['']);
    expect((await validate(dir)).lines).toEqual([
      expect.stringMatching(
        /^warning: \(apps\/repo\.yaml:\d+\): spec\.secretRef "Secret\/flux-system\/flux-system" does not resolve/,
      ),
      'ok: 3 objects in 2 files, 1 warning',
    ]);
  });

  test('tool files, values files and Helm chart folders are not objects; Kustomize namespaces apply', async () => {
    const dir = tempDir();
    write(dir, '.sops.yaml', 'creation_rules:\n  - path_regex: .*\\.yaml\n    encrypted_regex: ^(data|stringData)$\n');
    write(dir, 'apps/values.yaml', 'replicaCount: 2\n');
    write(dir, 'charts/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    write(
      dir,
      'charts/web/templates/cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
    );
    write(
      dir,
      'apps/kustomization.yaml',
      'namespace: web\nresources:\n  - values-cm.yaml\n  - release.yaml\n  - https://github.com/o/r//deploy?ref=v1\n',
    );
    write(dir, 'apps/values-cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-values\n');
    write(
      dir,
      'apps/release.yaml',
      `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
spec:
  interval: 5m
  chartRef:
    kind: OCIRepository
    name: web
    namespace: flux-system
  valuesFrom:
    - kind: ConfigMap
      name: web-values
`,
    );
    expect(await validate(dir, '--external', 'OCIRepository/flux-system/web')).toEqual({
      code: 0,
      lines: ['ok: 2 objects in 2 files'],
      errors: [],
    });
    expect(readTree(dir).records.map((r) => (r.manifest.metadata as { namespace?: string }).namespace)).toEqual([
      'web',
      'web',
    ]);
  });

  test('a null in a field is dropped as the API server drops it; a null list item is reported', async () => {
    const dir = referenceCopy();
    const apps = 'clusters/staging/apps.yaml';
    edit(dir, apps, (t) => t.replace('  prune: true\n', '  prune: true\n  suspend:\n  targetNamespace: null\n'));
    expect(await validate(dir)).toEqual({ code: 0, lines: ['ok: 32 objects in 13 files'], errors: [] });
    edit(dir, apps, (t) => t.replace('  suspend:\n', '  components: [null]\n'));
    const { code, lines, errors } = await validate(dir);
    expect(code).toBe(1);
    expect([...lines, ...errors]).toEqual([
      '(clusters/staging/apps.yaml:18): spec.components[0] "null" is null, but the field is not nullable; remove spec.components[0] or give it a string value [cluster clusters/staging]',
      '1 problem in 1 file',
    ]);
  });

  test('an empty folder is valid', async () => {
    expect((await validate(tempDir())).lines).toEqual(['ok: 0 objects in 0 files']);
  });

  test('parseExternalDeclaration reads Kind/namespace/name and Kind/name only', () => {
    expect(parseExternalDeclaration('Secret/flux-system/sops-age')).toEqual({
      kind: 'Secret',
      namespace: 'flux-system',
      name: 'sops-age',
    });
    expect(parseExternalDeclaration('ClusterIssuer/letsencrypt')).toEqual({
      kind: 'ClusterIssuer',
      name: 'letsencrypt',
    });
    for (const bad of ['Secret', 'a/b/c/d', 'Secret//x', ' Secret/x', ''])
      expect(parseExternalDeclaration(bad)).toBeUndefined();
  });

  test('validateTree returns the issues as data, each with its file and field', async () => {
    const dir = referenceCopy();
    fs.copyFileSync(
      path.join(dir, 'apps/base/podinfo/release.yaml'),
      path.join(dir, 'apps/base/podinfo/release-2.yaml'),
    );
    listInPodinfo(dir, 'release-2.yaml');
    const result = await validateTree(dir);
    expect(result.issues.map((i) => `${i.file} ${i.field} ${i.value} ${i.clusters.join(',')}`)).toEqual([
      'clusters/production/apps.yaml spec.path ./production ',
      'clusters/staging/apps.yaml spec.path ./staging ',
    ]);
    expect(result.clusters).toEqual(['clusters/production', 'clusters/staging']);
    // what Flux applies: the root and infrastructure Kustomizations of both clusters, not the apps that fail to build
    expect(result.objects).toBe(26);
  });
});

describe('command-line use', () => {
  test('wrong use exits with 2 and says why on standard error', async () => {
    expect(await validate()).toMatchObject({
      code: 2,
      lines: [],
      errors: [expect.stringMatching(/^cdk8s-flux validate: name the folder to check\nusage:/)],
    });
    expect((await validate(REFERENCE, REFERENCE)).code).toBe(2);
    expect(await validate(REFERENCE, '--strictly')).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/unknown option --strictly/)],
    });
    expect(await validate(REFERENCE, '--format', 'xml')).toMatchObject({
      code: 2,
      errors: ['cdk8s-flux validate: --format is text, json or github, got "xml"'],
    });
    expect(await validate(REFERENCE, '--external')).toMatchObject({
      code: 2,
      errors: ['cdk8s-flux validate: --external needs a value'],
    });
    expect(await validate(REFERENCE, '--external', 'Secret')).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/--external needs Kind\/namespace\/name/)],
    });
    expect(await validate(path.join(REFERENCE, 'nope'))).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/nope is not a folder$/)],
    });
    expect((await validate(path.join(REFERENCE, '.fluxschema.yml'))).code).toBe(2);
  });

  test('--help prints the usage and exits with 0', async () => {
    const { code, lines } = await validate('--help');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^usage: cdk8s-flux validate DIR \[--external Kind\/namespace\/name\]\.\.\./);
  });

  test('the dispatcher runs the named command and lists the commands', async () => {
    const io = fakeIo();
    expect(await runCli(['validate', REFERENCE], io)).toBe(0);
    expect(io.lines).toEqual(['ok: 32 objects in 13 files']);

    const help = fakeIo();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.lines.join('\n')).toMatch(/^usage: cdk8s-flux <command>[\s\S]*\n {2}validate +check a folder/);

    const unknown = fakeIo();
    expect(await runCli(['synthesise'], unknown)).toBe(2);
    expect(unknown.errors[0]).toMatch(/^cdk8s-flux: unknown command "synthesise"/);

    const none = fakeIo();
    expect(await runCli([], none)).toBe(2);
    expect(await runCli(['toString'], fakeIo())).toBe(2);
  });
});

describe('cdk8s-flux validate on a synthesized fleet', () => {
  /** Two clusters of one app, each with its sync folder beside its applications (clusters/<name>/flux/...). */
  function fleet(options: { readonly sopsCluster?: string } = {}): string {
    const outdir = tempDir();
    const app = new FluxApp({ outdir });
    for (const cluster of ['staging', 'production']) {
      const repo = new GitOpsRepository(app, cluster, {
        url: 'ssh://git@github.com/o/fleet',
        path: `clusters/${cluster}`,
        ...(cluster === options.sopsCluster ? { sops: { ageRecipient: EXAMPLE_AGE_RECIPIENT } } : {}),
      });
      const service = repo.service('podinfo', { namespace: 'default' });
      const charts = new HelmRepository(service, 'charts', {
        name: 'podinfo',
        url: 'https://stefanprodan.github.io/podinfo',
      });
      new HelmRelease(service, 'podinfo', { chart: HelmChartSource.fromRepository(charts, 'podinfo') });
    }
    app.synth();
    return outdir;
  }

  test('each cluster owns the folders its Flux Kustomizations point at, so equal names in two clusters pass', async () => {
    expect(await validate(fleet())).toEqual({ code: 0, lines: ['ok: 10 objects in 8 files'], errors: [] });
  });

  test("the .cdk8s-flux.yaml of one cluster's tree root declares nothing for the other cluster", async () => {
    const dir = fleet({ sopsCluster: 'staging' });
    expect(fs.existsSync(path.join(dir, 'clusters/staging/.cdk8s-flux.yaml'))).toBe(true);
    const decrypted = (t: string) => `${t}  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n`;
    edit(dir, 'clusters/staging/flux/services/podinfo.yaml', decrypted);
    edit(dir, 'clusters/production/flux/services/podinfo.yaml', decrypted);
    expect((await validate(dir)).lines).toEqual([
      'warning: (clusters/production/flux/services/podinfo.yaml:15): spec.decryption.secretRef "Secret/flux-system/sops-age" does not resolve to any object in the tree; create it, fix the name, or pass --external Secret/flux-system/sops-age if it is made outside this tree [cluster clusters/production/flux]',
      'ok: 10 objects in 8 files, 1 warning',
    ]);
    // at the root of the tree, a declaration holds for every cluster
    write(dir, '.cdk8s-flux.yaml', 'external:\n  - Secret/flux-system/sops-age\n');
    expect((await validate(dir, '--strict')).code).toBe(0);
  });

  test('a dangling reference inside one cluster is still reported, once', async () => {
    const dir = fleet();
    edit(dir, 'clusters/staging/services/podinfo/helmrelease-podinfo.yaml', (t) =>
      t.replace('kind: HelmRepository\n        name: podinfo\n', 'kind: HelmRepository\n        name: podinfos\n'),
    );
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      expect.stringMatching(
        /^\(clusters\/staging\/services\/podinfo\/helmrelease-podinfo\.yaml:\d+\): spec.chart.spec.sourceRef "HelmRepository\/default\/podinfos" does not resolve/,
      ),
      '1 problem in 1 file',
    ]);
  });
});

describe('cdk8s-flux validate never quotes a secret file', () => {
  const SECRET = 'Hunter2-S3cr3t!x';
  test.each([
    ['an alias without anchor', `stringData:\n  password: *${SECRET}\n`],
    ['a block scalar header with text after it', `stringData:\n  password: |${SECRET}\n    x\n`],
    ['a plain value starting with a directive indicator', `stringData:\n  a: b\n%${SECRET} c\n`],
    ['aliases that expand too much', `stringData:\n  a: &a ${SECRET}\n  b: [${Array(120).fill('*a').join(', ')}]\n`],
  ])('GIVEN a Secret file with %s WHEN validated THEN an issue gives the line, never the text', async (_, body) => {
    const dir = tempDir();
    write(dir, 'apps/secret.yaml', `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: a\n${body}`);
    const result = await validate(dir);
    expect(result.code).toBe(1);
    expect(result.lines.join('\n')).toMatch(/apps\/secret\.yaml:\d+\): yaml "line \d+" is not valid YAML/);
    expect([...result.lines, ...result.errors].join('\n')).not.toContain(SECRET);
  });
});
