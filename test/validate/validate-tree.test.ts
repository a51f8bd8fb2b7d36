import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, GitOpsRepository, HelmChartSource, HelmRelease, HelmRepository } from '../../lib';
import { CliIo } from '../../lib/cli/io';
import { runCli } from '../../lib/cli/main';
import { runValidate } from '../../lib/cli/validate-command';
import { readTree } from '../../lib/validate/read-tree';
import { parseExternalDeclaration, validateTree } from '../../lib/validate/validate-tree';
import { homelab } from '../../main';
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
function validate(...args: string[]): { code: number; lines: string[]; errors: string[] } {
  const io = fakeIo();
  const code = runValidate(args, io);
  return { code, lines: io.lines, errors: io.errors };
}

/** Adds `name` to the resources of apps/base/podinfo/kustomization.yaml. */
function listInPodinfo(dir: string, name: string): void {
  edit(dir, 'apps/base/podinfo/kustomization.yaml', (t) => `${t}  - ${name}\n`);
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
  test('passes, counting its objects and files', () => {
    expect(validate(REFERENCE)).toEqual({ code: 0, lines: ['ok: 20 objects in 13 files'], errors: [] });
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
  test('a typo in a sourceRef', () => {
    const dir = referenceCopy();
    edit(dir, 'clusters/production/apps.yaml', (t) =>
      t.replace('kind: ExternalArtifact\n    name: apps', 'kind: ExternalArtifact\n    name: aps'),
    );
    expect(validate(dir)).toEqual({
      code: 1,
      lines: [
        '(clusters/production/apps.yaml): spec.sourceRef "ExternalArtifact/flux-system/aps" does not resolve to any object in the tree; create it, fix the name (did you mean "apps"?), or pass --external ExternalArtifact/flux-system/aps if it is made outside this tree',
        '1 problem in 1 file',
      ],
      errors: [],
    });
  });

  test('a typo in a chart sourceRef of a shared base is reported once, not once per cluster', () => {
    const dir = referenceCopy();
    edit(dir, 'apps/base/podinfo/release.yaml', (t) =>
      t.replace('kind: HelmRepository\n        name: podinfo', 'kind: HelmRepository\n        name: podinf'),
    );
    const { code, lines } = validate(dir);
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^\(apps\/base\/podinfo\/release\.yaml\): spec\.chart\.spec\.sourceRef "HelmRepository\/podinfo\/podinf" does not resolve .*did you mean "podinfo"\?/,
      ),
      '1 problem in 1 file',
    ]);
  });

  test('a dependsOn cycle in one cluster', () => {
    const dir = referenceCopy();
    edit(dir, 'clusters/staging/infrastructure.yaml', (t) =>
      t.replace(
        '  name: infra-controllers\n  namespace: flux-system\nspec:\n',
        '  name: infra-controllers\n  namespace: flux-system\nspec:\n  dependsOn:\n    - name: apps\n',
      ),
    );
    expect(validate(dir).lines).toEqual([
      '(clusters/staging/apps.yaml): spec.dependsOn "flux-system/apps -> flux-system/infra-configs -> flux-system/infra-controllers -> flux-system/apps" forms a dependency cycle of Kustomizations, so none of them ever becomes ready; remove one of these dependsOn entries',
      '1 problem in 1 file',
    ]);
  });

  test('a resources entry pointing to a missing file, and a patch that is not there', () => {
    const dir = referenceCopy();
    edit(dir, 'infrastructure/controllers/kustomization.yaml', (t) => `${t}  - traefik.yaml\n`);
    edit(dir, 'apps/staging/kustomization.yaml', (t) =>
      t.replace('path: podinfo-values.yaml', 'path: podinfo-value.yaml'),
    );
    expect(validate(dir).lines).toEqual([
      '(apps/staging/kustomization.yaml): patches[0].path "podinfo-value.yaml" points to a patch file that does not exist; create apps/staging/podinfo-value.yaml, or fix the path (did you mean "podinfo-values.yaml"?)',
      '(infrastructure/controllers/kustomization.yaml): resources[2] "traefik.yaml" points to a file or folder that does not exist; create infrastructure/controllers/traefik.yaml, fix the entry, or remove it',
      // the patch file is no longer used by anything
      expect.stringMatching(
        /^\(apps\/staging\/podinfo-values\.yaml\): resources holds objects that apps\/staging\/kustomization\.yaml does not list/,
      ),
      '3 problems in 3 files',
    ]);
  });

  test('a resources entry naming a folder without a kustomization.yaml', () => {
    const dir = referenceCopy();
    write(
      dir,
      'apps/base/redis/deployment.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: redis\n  namespace: podinfo\n',
    );
    edit(dir, 'apps/staging/kustomization.yaml', (t) =>
      t.replace('  - ../base/podinfo\n', '  - ../base/podinfo\n  - ../base/redis\n'),
    );
    expect(validate(dir).lines[0]).toBe(
      '(apps/staging/kustomization.yaml): resources[1] "../base/redis" is a folder without a kustomization.yaml; add apps/base/redis/kustomization.yaml listing its files',
    );
  });

  test('a duplicate object', () => {
    const dir = referenceCopy();
    fs.copyFileSync(
      path.join(dir, 'apps/base/podinfo/repository.yaml'),
      path.join(dir, 'apps/base/podinfo/repository-copy.yaml'),
    );
    listInPodinfo(dir, 'repository-copy.yaml');
    expect(validate(dir).lines).toEqual([
      '(apps/base/podinfo/repository.yaml): metadata.name "HelmRepository/podinfo/podinfo" is declared twice: here and at (apps/base/podinfo/repository-copy.yaml); remove one of them, or rename one (name or namespace)',
      '1 problem in 1 file',
    ]);
  });

  test("a file of objects that its folder's kustomization.yaml does not list", () => {
    const dir = referenceCopy();
    fs.copyFileSync(
      path.join(dir, 'apps/base/podinfo/repository.yaml'),
      path.join(dir, 'apps/base/podinfo/repository-copy.yaml'),
    );
    expect(validate(dir).lines).toEqual([
      '(apps/base/podinfo/repository-copy.yaml): resources holds objects that apps/base/podinfo/kustomization.yaml does not list, so Flux never applies them; add repository-copy.yaml to resources in apps/base/podinfo/kustomization.yaml, or remove the file',
      '1 problem in 1 file',
    ]);
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

  test('an encrypted file with SOPS metadata passes; with its kind encrypted, or without a MAC, it fails', () => {
    const dir = referenceCopy();
    write(dir, 'apps/base/podinfo/token.yaml', encryptedSecret(good));
    listInPodinfo(dir, 'token.yaml');
    expect(validate(dir).lines).toEqual(['ok: 21 objects in 14 files']);
    expect(readTree(dir).records.find((r) => r.file === 'apps/base/podinfo/token.yaml')?.encrypted).toBe(true);

    write(
      dir,
      'apps/base/podinfo/token.yaml',
      encryptedSecret(good, 'ENC[AES256_GCM,data:U2VjcmV0,iv:aXY=,tag:dGFn,type:str]'),
    );
    expect(validate(dir).lines).toContain(
      '(apps/base/podinfo/token.yaml): kind is encrypted, but Flux must read it before decrypting; encrypt only data and stringData: set encrypted_regex: ^(data|stringData)$ in .sops.yaml and encrypt again',
    );

    write(dir, 'apps/base/podinfo/token.yaml', encryptedSecret(good.replace(/ {2}mac: .*\n/, '')));
    expect(validate(dir).lines).toEqual([
      '(apps/base/podinfo/token.yaml): sops.mac is missing, so nobody can tell whether the file was tampered with; encrypt the file again with `cdk8s-flux secret create` or `sops encrypt`',
      '1 problem in 1 file',
    ]);

    write(
      dir,
      'apps/base/podinfo/token.yaml',
      encryptedSecret('  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[x]\n'),
    );
    expect(validate(dir).lines).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml\): sops holds no age or PGP key stanza/),
      '1 problem in 1 file',
    ]);
  });

  test('a Secret in clear text', () => {
    const dir = referenceCopy();
    write(
      dir,
      'apps/base/podinfo/token.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\n  namespace: podinfo\nstringData:\n  token: hunter2\n',
    );
    // a file no kustomization.yaml lists is still committed to git, so the guard looks at it too
    const unlisted = validate(dir).lines;
    expect(unlisted).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml\): resources holds objects that/),
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml\): data holds a Secret value in clear text/),
      '2 problems in 1 file',
    ]);
    listInPodinfo(dir, 'token.yaml');
    const listed = validate(dir).lines;
    expect(listed).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/token\.yaml\): data holds a Secret value in clear text/),
      '1 problem in 1 file',
    ]);
    expect([...unlisted, ...listed].join('\n')).not.toContain('hunter2');
  });

  test('a YAML syntax error', () => {
    const dir = referenceCopy();
    write(dir, 'infrastructure/configs/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n');
    expect(validate(dir).lines[0]).toMatch(
      /^\(infrastructure\/configs\/broken\.yaml\): yaml "line \d+" is not valid YAML \(.+\); fix the syntax/,
    );
  });

  test('a schema problem of a Flux object', () => {
    const dir = referenceCopy();
    edit(dir, 'apps/base/podinfo/repository.yaml', (t) => t.replace('interval: 5m', 'interval: 5 minutes'));
    expect(validate(dir).lines).toEqual([
      expect.stringMatching(/^\(apps\/base\/podinfo\/repository\.yaml\): spec\.interval "5 minutes"/),
      '1 problem in 1 file',
    ]);
  });

  test('a SOPS key Secret made out of band must be declared with --external', () => {
    const dir = referenceCopy();
    edit(
      dir,
      'clusters/production/apps.yaml',
      (t) => `${t}  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n`,
    );
    expect(validate(dir).lines).toEqual([
      '(clusters/production/apps.yaml): spec.decryption.secretRef "Secret/flux-system/sops-age" does not resolve to any object in the tree; create it, fix the name, or pass --external Secret/flux-system/sops-age if it is made outside this tree',
      '1 problem in 1 file',
    ]);
    expect(validate(dir, '--external', 'Secret/flux-system/sops-age').code).toBe(0);
    expect(validate(dir, '--external=Secret/sops-age').code).toBe(0);
    expect(validate(dir, '--external', 'Secret/other/sops-age').code).toBe(1);
  });
});

describe('cdk8s-flux validate on other trees', () => {
  test('a synthesized tree passes: the Git credentials Secret named in gotk-sync.yaml is made by bootstrap', () => {
    const outdir = tempDir();
    const app = new FluxApp({ outdir });
    homelab(app);
    app.synth();
    // The SOPS key Secret is made out of band with the private key: in the app it is declared, here it is named.
    expect(validate(outdir, '--external', 'Secret/flux-system/sops-age')).toEqual({
      code: 0,
      lines: ['ok: 18 objects in 17 files'],
      errors: [],
    });
    expect(validate(outdir).lines[0]).toMatch(
      /spec.decryption.secretRef "Secret\/flux-system\/sops-age" does not resolve/,
    );
  });

  test('a gotk-sync.yaml whose GitRepository names another Secret: only that one is known', () => {
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
    expect(validate(dir).lines).toEqual([
      expect.stringMatching(
        /^\(apps\/repo\.yaml\): spec\.secretRef "Secret\/flux-system\/flux-system" does not resolve/,
      ),
      '1 problem in 1 file',
    ]);
  });

  test('tool files, values files and Helm chart folders are not objects; Kustomize namespaces apply', () => {
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
    expect(validate(dir, '--external', 'OCIRepository/flux-system/web')).toEqual({
      code: 0,
      lines: ['ok: 2 objects in 2 files'],
      errors: [],
    });
    expect(readTree(dir).records.map((r) => (r.manifest.metadata as { namespace?: string }).namespace)).toEqual([
      'web',
      'web',
    ]);
  });

  test('an empty folder is valid', () => {
    expect(validate(tempDir()).lines).toEqual(['ok: 0 objects in 0 files']);
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

  test('validateTree returns the issues as data, each with its file and field', () => {
    const dir = referenceCopy();
    fs.copyFileSync(
      path.join(dir, 'apps/base/podinfo/release.yaml'),
      path.join(dir, 'apps/base/podinfo/release-2.yaml'),
    );
    listInPodinfo(dir, 'release-2.yaml');
    const result = validateTree(dir);
    expect(result.issues.map((i) => `${i.file} ${i.field} ${i.value}`)).toEqual([
      'apps/base/podinfo/release.yaml metadata.name HelmRelease/podinfo/podinfo',
    ]);
    expect(result.objects).toBe(21);
  });
});

describe('command-line use', () => {
  test('wrong use exits with 2 and says why on standard error', () => {
    expect(validate()).toMatchObject({
      code: 2,
      lines: [],
      errors: [expect.stringMatching(/^cdk8s-flux validate: name the folder to check\nusage:/)],
    });
    expect(validate(REFERENCE, REFERENCE).code).toBe(2);
    expect(validate(REFERENCE, '--strict')).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/unknown option --strict/)],
    });
    expect(validate(REFERENCE, '--external')).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/--external needs Kind\/namespace\/name/)],
    });
    expect(validate(REFERENCE, '--external', 'Secret')).toMatchObject({ code: 2 });
    expect(validate(path.join(REFERENCE, 'nope'))).toMatchObject({
      code: 2,
      errors: [expect.stringMatching(/nope is not a folder$/)],
    });
    expect(validate(path.join(REFERENCE, '.fluxschema.yml')).code).toBe(2);
  });

  test('--help prints the usage and exits with 0', () => {
    const { code, lines } = validate('--help');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^usage: cdk8s-flux validate DIR \[--external Kind\/namespace\/name\]\.\.\./);
  });

  test('the dispatcher runs the named command and lists the commands', async () => {
    const io = fakeIo();
    expect(await runCli(['validate', REFERENCE], io)).toBe(0);
    expect(io.lines).toEqual(['ok: 20 objects in 13 files']);

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
  function fleet(chartName = 'podinfo'): string {
    const outdir = tempDir();
    const app = new FluxApp({ outdir });
    for (const cluster of ['staging', 'production']) {
      const repo = new GitOpsRepository(app, cluster, {
        url: 'ssh://git@github.com/o/fleet',
        path: `clusters/${cluster}`,
      });
      const service = repo.service('podinfo', { namespace: 'default' });
      const charts = new HelmRepository(service, 'charts', {
        name: 'podinfo',
        url: 'https://stefanprodan.github.io/podinfo',
      });
      new HelmRelease(service, 'podinfo', { chart: HelmChartSource.fromRepository(charts, chartName) });
    }
    app.synth();
    return outdir;
  }

  test('each cluster owns the folders its Flux Kustomizations point at, so equal names in two clusters pass', () => {
    expect(validate(fleet())).toEqual({ code: 0, lines: ['ok: 10 objects in 8 files'], errors: [] });
  });

  test('a dangling reference inside one cluster is still reported, once', () => {
    const dir = fleet();
    edit(dir, 'clusters/staging/services/podinfo/helmrelease-podinfo.yaml', (t) =>
      t.replace('kind: HelmRepository\n        name: podinfo\n', 'kind: HelmRepository\n        name: podinfos\n'),
    );
    const result = validate(dir);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      expect.stringMatching(
        /^\(clusters\/staging\/services\/podinfo\/helmrelease-podinfo\.yaml\): spec.chart.spec.sourceRef "HelmRepository\/default\/podinfos" does not resolve/,
      ),
      '1 problem in 1 file',
    ]);
  });
});
