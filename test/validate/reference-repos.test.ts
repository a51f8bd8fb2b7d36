import * as fs from 'fs';
import * as path from 'path';
import { formatIssue } from '../../lib/errors';
import { runValidate } from '../../lib/cli/validate-command';
import { TreeIssue } from '../../lib/validate/findings';
import { validateTree } from '../../lib/validate/validate-tree';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

/** One finding as `file field "value": message`, short enough for a table. */
const brief = (i: TreeIssue) => `${i.file ?? ''} ${i.field} ${JSON.stringify(i.value ?? '')}: ${i.message}`;

const reference = (name: string) => sharedDir('reference', name);

/** A copy of a reference repository in a temp folder, for a test to plant a mistake in. */
function copyOf(name: string): string {
  const dir = tempDir('cdk8s-flux-planted-');
  fs.cpSync(reference(name), dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  fs.writeFileSync(p, after);
}

const NOT_SERVED = (kind: string, version: string, served: string) =>
  `apiVersion "${version}" is not a version of ${kind} served by Flux v2.9.4: Flux 2.8 removed it (Flux 2.7 was the last to serve it); use apiVersion ${served} for ${kind}; on a cluster that still runs a Flux older than 2.8, run \`flux migrate\``;

describeWithTool('kubectl', 'install kubectl', 'cdk8s-flux validate on the reference repositories', () => {
  jest.setTimeout(300_000);

  test('GIVEN the Flux Operator fleet and its component repositories WHEN validated THEN nothing is found', async () => {
    for (const name of ['d2-fleet', 'd2-infra', 'd2-apps', 'flux2-kustomize-helm-example']) {
      const result = await validateTree(reference(name));
      expect({ name, issues: result.issues.map(formatIssue), warnings: result.warnings.map(formatIssue) }).toEqual({
        name,
        issues: [],
        warnings: [],
      });
    }
  });

  test('GIVEN d2-fleet WHEN validated THEN each FluxInstance is a cluster of its own, with the sync objects it implies', async () => {
    const result = await validateTree(reference('d2-fleet'));
    expect(result.clusters).toEqual(['clusters/prod-eu', 'clusters/prod-us', 'clusters/staging', 'clusters/update']);
    expect(result.objects).toBeGreaterThan(20);
  });

  test('GIVEN flux2-hub-spoke-example WHEN validated THEN the old API versions fail and the kubeconfig Secrets are warnings', async () => {
    const result = await validateTree(reference('flux2-hub-spoke-example'));
    // Real: the repository pins v2beta2/v1beta2 APIs, which Flux 2.9 no longer serves (its CRDs hold only v2 and v1).
    expect(result.issues.map(brief)).toEqual([
      `deploy/apps/podinfo.yaml apiVersion "helm.toolkit.fluxcd.io/v2beta2": is not a version of HelmRelease served by Flux v2.9.4: Flux 2.8 removed it (Flux 2.7 was the last to serve it)`,
      `deploy/apps/podinfo.yaml apiVersion "source.toolkit.fluxcd.io/v1beta2": is not a version of HelmRepository served by Flux v2.9.4: Flux 2.8 removed it (Flux 2.7 was the last to serve it)`,
    ]);
    expect(result.issues.map((i) => [i.alsoIn, i.clusters])).toEqual([
      [['deploy/infra-controllers/cert-manager.yaml', 'deploy/infra-controllers/ingress-nginx.yaml'], ['hub']],
      [['deploy/infra-controllers/cert-manager.yaml', 'deploy/infra-controllers/ingress-nginx.yaml'], ['hub']],
    ]);
    expect(formatIssue(result.issues[0])).toContain(
      NOT_SERVED('HelmRelease', 'helm.toolkit.fluxcd.io/v2beta2', 'helm.toolkit.fluxcd.io/v2'),
    );
    // Real: the spoke clusters' kubeconfig Secrets are made by hand on the hub (the example's README says so).
    expect(result.warnings.map((w) => `${w.field} ${w.value ?? ''}`)).toEqual([
      'spec.kubeConfig.secretRef Secret/production/cluster-kubeconfig',
      'spec.kubeConfig.secretRef Secret/staging/cluster-kubeconfig',
    ]);
  });

  test('GIVEN flux2-multi-tenancy WHEN validated THEN only its OCIRepository of a removed API version is found, once for both clusters', async () => {
    const result = await validateTree(reference('flux2-multi-tenancy'));
    // Real: source.toolkit.fluxcd.io/v1beta2 OCIRepository is not served by Flux 2.9.
    expect(result.issues.map((i) => `${brief(i)} ${i.clusters.join(',')}`)).toEqual([
      'infrastructure/kyverno/source.yaml apiVersion "source.toolkit.fluxcd.io/v1beta2": is not a version of OCIRepository served by Flux v2.9.4: Flux 2.8 removed it (Flux 2.7 was the last to serve it) clusters/production,clusters/staging',
    ]);
    expect(result.warnings).toEqual([]);
  });

  test('GIVEN flux2-monitoring-example WHEN validated THEN the configMapGenerator ConfigMap resolves and the dashboards missing from the copy are warnings', async () => {
    const result = await validateTree(reference('flux2-monitoring-example'));
    expect(result.issues).toEqual([]);
    // Real for the copy: only YAML was kept, so the JSON dashboards the generator reads are not there.
    expect(result.warnings.map((w) => `${w.field} ${w.value ?? ''}`)).toEqual([
      'configMapGenerator[0].files[0] dashboards/control-plane.json',
      'configMapGenerator[0].files[1] dashboards/cluster.json',
      'configMapGenerator[0].files[2] dashboards/logs.json',
    ]);
  });

  test('GIVEN onedr0p-home-ops WHEN validated THEN no error; the warnings are folders applied by hand, a commented-out entry, files missing from the copy and an out-of-band Secret', async () => {
    const result = await validateTree(reference('onedr0p-home-ops'));
    expect(result.clusters).toEqual(['kubernetes/flux/cluster']);
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.warnings.map((w) => `${w.file ?? ''} ${w.field} ${w.value ?? ''}`)).toEqual([
      // applied by the bootstrap script with kubectl, before Flux runs
      'bootstrap/kustomize/components/namespace/ files namespace.yaml',
      'bootstrap/kustomize/home-operations/external-secrets/ files secret.yaml',
      // commented out in runners/kustomization.yaml
      'kubernetes/apps/actions-runner-system/actions-runner-controller/runners/home-operations/ files externalsecret.yaml, helmrelease.yaml, ocirepository.yaml',
      // shell scripts are not in the copy (only YAML was kept)
      'kubernetes/apps/default/sonarr/app/kustomization.yaml configMapGenerator[0].files[0] ./resources/refresh-series.sh',
      'kubernetes/apps/default/sonarr/app/kustomization.yaml configMapGenerator[0].files[1] ./resources/tag-resolution.sh',
      // made by the bootstrap (bootstrap/kustomize/personal/network/secret.yaml, applied by hand)
      'kubernetes/apps/network/cloudflare-tunnel/ks.yaml spec.postBuild.substituteFrom[0] Secret/network/cloudflare-tunnel-id-secret',
    ]);
    expect(result.warnings[1].alsoIn).toEqual([
      'bootstrap/kustomize/personal/external-secrets/',
      'bootstrap/kustomize/personal/network/',
    ]);
  });
});

describeWithTool(
  'kubectl',
  'install kubectl',
  'cdk8s-flux validate on a mistake planted in a component many namespaces use',
  () => {
    jest.setTimeout(300_000);

    test('GIVEN a typo in the providerRef of a component every namespace uses THEN it is found in each namespace', async () => {
      const dir = copyOf('onedr0p-home-ops');
      edit(dir, 'kubernetes/components/alerts/alertmanager/alert.yaml', (t) =>
        t.replace(/providerRef:\n(\s+)name: (\S+)/, 'providerRef:\n$1name: $2x'),
      );
      const result = await validateTree(dir);
      expect(new Set(result.issues.map((i) => `${i.file ?? ''} ${i.field}`))).toEqual(
        new Set(['kubernetes/components/alerts/alertmanager/alert.yaml spec.providerRef']),
      );
      expect(result.issues.map((i) => i.value)).toContain('Provider/flux-system/alertmanagerx');
      expect(result.issues).toHaveLength(12);
    });
  },
);

describeWithTool('kubectl', 'install kubectl', 'cdk8s-flux validate output for CI', () => {
  jest.setTimeout(300_000);
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runValidate(args, { out: (l) => void lines.push(l), err: (l) => void lines.push(l) });
    return { code, lines };
  };

  test('GIVEN --format github THEN errors and warnings are annotations on their files', async () => {
    const { code, lines } = await run(reference('flux2-multi-tenancy'), '--format', 'github');
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(
        /^::error file=.*flux2-multi-tenancy\/infrastructure\/kyverno\/source\.yaml,line=1,title=cdk8s-flux validate%3A apiVersion::\(infrastructure\/kyverno\/source\.yaml:1\): apiVersion "source\.toolkit\.fluxcd\.io\/v1beta2" is not a version of OCIRepository/,
      ),
    ]);
    const hub = await run(reference('flux2-hub-spoke-example'), '--format=github');
    expect(hub.lines.filter((l) => l.startsWith('::warning file='))).toHaveLength(2);
  });

  test('GIVEN --format json THEN errors, warnings, clusters and counts are data', async () => {
    const { code, lines } = await run(reference('flux2-hub-spoke-example'), '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(lines.join('\n')) as {
      errors: TreeIssue[];
      warnings: TreeIssue[];
      clusters: string[];
    };
    expect(report.errors.map((e) => e.value)).toEqual([
      'helm.toolkit.fluxcd.io/v2beta2',
      'source.toolkit.fluxcd.io/v1beta2',
    ]);
    expect(report.warnings).toHaveLength(2);
    expect(report.clusters).toContain('hub');
  });
});
