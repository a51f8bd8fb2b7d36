import * as fs from 'fs';
import * as path from 'path';
import { TreeIssue } from '../../lib/validate/findings';
import { TreeValidation, validateTree } from '../../lib/validate/validate-tree';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

/**
 * A battery of mistakes, each planted in a copy of a reference repository (working, public Flux repositories): each
 * must add exactly one finding to what the unmodified repository gives, at the file and line of the mistake, with
 * the right message and fix.
 */

type Repository =
  'd2-apps' | 'd2-fleet' | 'flux2-kustomize-helm-example' | 'flux2-hub-spoke-example' | 'onedr0p-home-ops';

const reference = (name: Repository) => sharedDir('reference', name);

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

/** The 1-based line of the `nth` line of `file` that contains `needle`. */
function lineOf(dir: string, file: string, needle: string, nth = 1): number {
  const lines = fs
    .readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (lines.length < nth) throw new Error(`${needle} is not ${nth} times in ${file}`);
  return lines[nth - 1];
}

/** A finding as one comparable line, without where else it is found. */
const key = (i: TreeIssue) => JSON.stringify([i.file, i.line, i.field, i.value, i.message, i.fix]);

const findings = (r: TreeValidation) => [...r.issues, ...r.warnings];

/** A mistake: where to plant it, and where and how it must be reported. */
interface Planted {
  readonly name: string;
  readonly repository: Repository;
  readonly plant: (dir: string) => void;
  /** The file of the finding. */
  readonly file: string;
  /** Text of the line the finding must point at, in the planted copy. */
  readonly at: string;
  /**
   * Which line holding `at` it is.
   * @default 1
   */
  readonly nth?: number;
  readonly field: string;
  readonly message: RegExp;
  readonly fix: RegExp;
}

const PODINFO = 'apps/base/podinfo';

const ENCRYPTED_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: podinfo-token
  namespace: podinfo
data:
  token: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]
sops:
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

const listInPodinfo = (dir: string, name: string) =>
  edit(dir, `${PODINFO}/kustomization.yaml`, (t) => `${t}  - ${name}\n`);

const BATTERY: readonly Planted[] = [
  {
    name: 'a SOPS file in a folder whose Flux Kustomization has no decryption',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) => {
      write(dir, `${PODINFO}/token.yaml`, ENCRYPTED_SECRET);
      listInPodinfo(dir, 'token.yaml');
    },
    file: `${PODINFO}/token.yaml`,
    at: 'sops:',
    field: 'sops',
    message:
      /^is SOPS-encrypted, but Kustomization\/flux-system\/apps that applies it has no spec\.decryption, so Flux applies it undecrypted/,
    fix: /^add to the spec of Kustomization\/flux-system\/apps: decryption: \{ provider: sops, secretRef:/,
  },
  {
    name: 'a dependsOn on a Kustomization of another cluster',
    repository: 'd2-fleet',
    plant: (dir) => {
      write(
        dir,
        'clusters/update/reports.yaml',
        fs
          .readFileSync(path.join(dir, 'clusters/staging/tenants.yaml'), 'utf8')
          .replace('name: tenants', 'name: reports')
          .replace('path: ./tenants', 'path: ./reports')
          .replace(/ {2}postBuild:\n[^]*$/, '')
          .replace('spec:\n', 'spec:\n  dependsOn:\n    - name: tenants\n'),
      );
      write(dir, 'reports/kustomization.yaml', 'resources: []\n');
    },
    file: 'clusters/update/reports.yaml',
    at: '- name: tenants',
    field: 'spec.dependsOn[0]',
    message:
      /^names an object of cluster clusters\/prod-eu \(clusters\/prod-eu\/tenants\.yaml\), but dependsOn only sees objects of its own cluster \(clusters\/update\), so Flux waits for it forever$/,
    fix: /^remove the entry, or depend on an object of this cluster/,
  },
  {
    name: 'one object applied by two Flux Kustomizations',
    repository: 'onedr0p-home-ops',
    plant: (dir) =>
      edit(
        dir,
        'kubernetes/apps/default/bazarr/app/kustomization.yaml',
        (t) => `${t}  - ../../atuin/app/ocirepository.yaml\n`,
      ),
    file: 'kubernetes/apps/default/atuin/app/ocirepository.yaml',
    at: 'name: atuin',
    field: 'metadata.name',
    message:
      /^is applied by two Flux Kustomizations, Kustomization\/default\/atuin \(kubernetes\/apps\/default\/atuin\/ks\.yaml\) from .* and Kustomization\/default\/bazarr \(kubernetes\/apps\/default\/bazarr\/ks\.yaml\) from .*: they overwrite each other/,
    fix: /^apply it from one of them only/,
  },
  {
    name: 'an API version Flux 2.8 removed',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) =>
      edit(dir, `${PODINFO}/release.yaml`, (t) =>
        t.replace('helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta2'),
      ),
    file: `${PODINFO}/release.yaml`,
    at: 'apiVersion: helm.toolkit.fluxcd.io/v2beta2',
    field: 'apiVersion',
    message: /^is not a version of HelmRelease served by Flux v[\d.]+: Flux 2\.8 removed it/,
    fix: /^use apiVersion helm\.toolkit\.fluxcd\.io\/v2 for HelmRelease; .*run `flux migrate` before upgrading/,
  },
  {
    name: 'a Kustomization path to a folder that is not there',
    repository: 'd2-fleet',
    plant: (dir) => edit(dir, 'clusters/staging/tenants.yaml', (t) => t.replace('path: ./tenants', 'path: ./tenant')),
    file: 'clusters/staging/tenants.yaml',
    at: 'path: ./tenant',
    field: 'spec.path',
    message: /^names a folder that is not in the repository, so Flux cannot build Kustomization\/flux-system\/tenants$/,
    fix: /^fix the path/,
  },
  {
    name: 'a postBuild variable without value or default',
    repository: 'flux2-hub-spoke-example',
    plant: (dir) =>
      edit(dir, 'hub/staging.yaml', (t) => t.replace('      CLUSTER_NAME: staging\n', '      CLUSTER: staging\n')),
    file: 'hub/staging.yaml',
    at: 'postBuild:',
    field: 'spec.postBuild',
    message: /^is used in deploy\/tenants\/flux\.yaml, deploy\/tenants\/podinfo\.yaml but has no value and no default/,
    fix: /^set CLUSTER_NAME in postBuild\.substitute/,
  },
  {
    name: 'a typo in a chart sourceRef',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) =>
      edit(dir, `${PODINFO}/release.yaml`, (t) =>
        t.replace('kind: HelmRepository\n        name: podinfo', 'kind: HelmRepository\n        name: podinfoo'),
      ),
    file: `${PODINFO}/release.yaml`,
    at: 'sourceRef:',
    field: 'spec.chart.spec.sourceRef',
    message: /^does not resolve to any object in the tree$/,
    fix: /did you mean "podinfo"\?/,
  },
  {
    name: 'a dependsOn cycle',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) =>
      edit(dir, 'clusters/staging/infrastructure.yaml', (t) =>
        t.replace('spec:\n  interval: 1h', 'spec:\n  dependsOn:\n    - name: infra-configs\n  interval: 1h'),
      ),
    file: 'clusters/staging/infrastructure.yaml',
    // the cycle is reported at its first member, infra-configs, the second document
    at: 'dependsOn:',
    nth: 2,
    field: 'spec.dependsOn',
    message: /cycle/,
    fix: /dependsOn/,
  },
  {
    name: 'an OCI semver that is not a semver constraint',
    repository: 'd2-apps',
    plant: (dir) =>
      edit(dir, 'components/frontend/base/podinfo.yaml', (t) => t.replace('semver: 6.14.0', 'semver: latest')),
    file: 'components/frontend/base/podinfo.yaml',
    at: 'semver: latest',
    field: 'spec.ref.semver',
    message: /^is not a semver constraint: it has "latest", which is not a version/,
    fix: /^write a version or range such as "1\.2\.3"/,
  },
  {
    name: 'an interval that is not a Flux duration',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) => edit(dir, `${PODINFO}/release.yaml`, (t) => t.replace('interval: 50m', 'interval: 50 min')),
    file: `${PODINFO}/release.yaml`,
    at: 'interval: 50 min',
    field: 'spec.interval',
    message: /duration|pattern/,
    fix: /./,
  },
  {
    name: 'a Secret committed in clear text',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) => {
      write(
        dir,
        `${PODINFO}/token.yaml`,
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: podinfo-token\n  namespace: podinfo\nstringData:\n  token: Hunter2\n',
      );
      listInPodinfo(dir, 'token.yaml');
    },
    file: `${PODINFO}/token.yaml`,
    at: 'stringData:',
    field: 'stringData',
    message: /clear text/,
    fix: /encrypt/,
  },
  {
    name: 'a typo in a kind',
    repository: 'flux2-kustomize-helm-example',
    plant: (dir) => edit(dir, `${PODINFO}/release.yaml`, (t) => t.replace('kind: HelmRelease', 'kind: HelmRelase')),
    file: `${PODINFO}/release.yaml`,
    at: 'kind: HelmRelase',
    field: 'kind',
    message: /^is not a kind of helm\.toolkit\.fluxcd\.io/,
    fix: /^did you mean "HelmRelease"\?$/,
  },
];

describeWithTool(
  'kubectl',
  'install kubectl',
  'cdk8s-flux validate catches mistakes planted in reference repositories',
  () => {
    jest.setTimeout(300_000);
    const baselines = new Map<Repository, Promise<TreeValidation>>();
    const baseline = (name: Repository) => {
      if (!baselines.has(name)) baselines.set(name, validateTree(reference(name)));
      return baselines.get(name) as Promise<TreeValidation>;
    };

    test('GIVEN the unmodified repositories the battery plants in THEN none gives a finding the battery could be confused with', async () => {
      for (const name of ['d2-apps', 'd2-fleet', 'flux2-kustomize-helm-example'] as const) {
        expect({ name, findings: findings(await baseline(name)) }).toEqual({ name, findings: [] });
      }
      // the others' findings are real and asserted in reference-repos.test.ts; none is an error of onedr0p-home-ops
      expect((await baseline('onedr0p-home-ops')).issues).toEqual([]);
    });

    test('GIVEN at least ten distinct planted mistakes THEN the battery covers them', () => {
      expect(new Set(BATTERY.map((p) => p.field)).size).toBeGreaterThanOrEqual(10);
    });

    test.each(BATTERY.map((p) => [p.name, p] as const))(
      'GIVEN %s THEN it is reported once, at its file and line, with the fix',
      async (_, planted) => {
        const dir = tempDir('cdk8s-flux-planted-');
        fs.cpSync(reference(planted.repository), dir, { recursive: true });
        planted.plant(dir);
        const before = new Set(findings(await baseline(planted.repository)).map(key));
        const added = findings(await validateTree(dir)).filter((f) => !before.has(key(f)));
        expect(added.map((f) => [f.file, f.line, f.field])).toEqual([
          [planted.file, lineOf(dir, planted.file, planted.at, planted.nth), planted.field],
        ]);
        expect(added[0].message).toMatch(planted.message);
        expect(added[0].fix).toMatch(planted.fix);
      },
    );
  },
);
