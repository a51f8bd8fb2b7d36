// A slice of a large homelab (onedr0p's home-ops: `kubernetes/apps/kube-system`, its Namespace and four of its
// chart applications) ported to cdk8s-flux with the public API only, and compared object by object with what
// `kubectl kustomize` builds from the hand-written YAML.
//
// Where the layouts differ, and why the result is the same for Flux:
// - The original keeps each application's Flux Kustomization (`<app>/ks.yaml`) beside its folder (`<app>/app/`), in
//   the namespace the `kube-system/kustomization.yaml` gives them. Here the Flux Kustomizations are in
//   `flux/infrastructure/<app>.yaml`, in flux-system, beside the other sync objects. `spec.path` and the
//   Kustomization's own namespace follow from the layout and are put aside; what each path leads to is compared.
// - The original writes `sourceRef.namespace: flux-system` because its Kustomizations are in kube-system; ours are in
//   flux-system, where the namespace is left out. Both name the flux-system GitRepository.
// - The original leaves the namespace of each chart's objects to `targetNamespace`; here the folder's namespace is
//   written into the objects and set as `targetNamespace` too. Flux applies the same objects either way.
// - The `alerts` component the original's folder includes (an ExternalSecret, Alerts and Providers) is not part of
//   the slice.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-30';
import {
  FluxApp,
  GitOpsRepository,
  HelmChartSource,
  HelmRelease,
  HelmValues,
  OciLayerSelector,
  OciRef,
  OciRepository,
} from '../../lib';
import { runValidate } from '../../lib/cli/validate-command';
import { K8sObject, fluxBuild, isFluxKustomization, objectKey, parseObjects } from '../support/flux-build';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

const REFERENCE = sharedDir('reference', 'onedr0p-home-ops');
const KUBE_SYSTEM = 'kubernetes/apps/kube-system';

/** One chart application of the slice: an OCI chart, its release values, and whether Flux waits for it. */
interface ChartApp {
  readonly name: string;
  readonly url: string;
  readonly tag: string;
  readonly values: HelmValues;
  readonly wait?: boolean;
}

const APPS: readonly ChartApp[] = [
  {
    name: 'metrics-server',
    url: 'oci://ocharted.turbo.ac/kubernetes-sigs.github.io/metrics-server/metrics-server',
    tag: '3.14.0',
    values: {
      args: [
        '--kubelet-insecure-tls',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--kubelet-use-node-status-port',
        '--metric-resolution=10s',
        '--kubelet-request-timeout=2s',
      ],
      metrics: { enabled: true },
      serviceMonitor: { enabled: true },
    },
  },
  {
    name: 'reloader',
    url: 'oci://ghcr.io/stakater/charts/reloader',
    tag: '2.2.16',
    values: {
      fullnameOverride: 'reloader',
      reloader: {
        enableHA: true,
        deployment: { replicas: 1 },
        readOnlyRootFileSystem: true,
        podMonitor: { enabled: true, namespace: '{{ .Release.Namespace }}' },
      },
    },
  },
  {
    name: 'snapshot-controller',
    url: 'oci://ghcr.io/home-operations/charts/snapshot-controller',
    tag: '0.1.0',
    values: { replicaCount: 2, monitoring: { serviceMonitor: { enabled: true } } },
    wait: true,
  },
  {
    name: 'spegel',
    url: 'oci://ghcr.io/spegel-org/helm-charts/spegel',
    tag: '0.7.4',
    values: {
      grafanaDashboard: {
        enabled: true,
        mode: 'GrafanaOperator',
        grafanaOperator: { matchLabels: { dashboards: 'grafana' } },
      },
      service: { registry: { hostPort: 29999 } },
      serviceMonitor: { enabled: true },
      spegel: {
        containerdSock: '/run/containerd/containerd.sock',
        containerdRegistryConfigPath: '/etc/cri/conf.d/hosts',
      },
    },
  },
];

/** The slice in code: the kube-system Namespace, kept by Flux on prune, and one application per chart. */
function homeOps(outdir: string): FluxApp {
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'home-ops', {
    url: 'ssh://git@github.com/onedr0p/home-ops',
    path: 'kubernetes',
  });
  const namespace = repo.infrastructure('kube-system-namespace', { namespace: 'kube-system', interval: '1h' });
  new k8s.KubeNamespace(namespace, 'namespace', {
    metadata: {
      name: 'kube-system',
      annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
      labels: { 'resource.kubernetes.io/admin-access': 'true' },
    },
  });
  for (const chart of APPS) {
    const folder = repo.infrastructure(chart.name, {
      namespace: 'kube-system',
      targetNamespace: 'kube-system',
      interval: '1h',
      wait: chart.wait ?? false,
    });
    const source = new OciRepository(folder, chart.name, {
      url: chart.url,
      interval: '15m',
      layerSelector: OciLayerSelector.helmChart(),
      ref: OciRef.tag(chart.tag),
    });
    new HelmRelease(folder, chart.name, {
      chart: HelmChartSource.fromOciRepository(source),
      interval: '1h',
      values: chart.values,
    });
  }
  return app;
}

/** A Flux Kustomization with the fields that follow from the layout put aside (see the top of this file). */
function withoutLayout(o: K8sObject): K8sObject {
  const { path: _path, sourceRef, ...spec } = o.spec ?? {};
  const { namespace: _namespace, ...metadata } = o.metadata;
  const { namespace: _sourceNamespace, ...source } = sourceRef as Record<string, unknown>;
  return { ...o, metadata, spec: { ...spec, sourceRef: source } };
}

/** `kind namespace/name` -> object, sorted. */
function byKey(objects: readonly K8sObject[]): Record<string, K8sObject> {
  return Object.fromEntries(objects.map((o) => [objectKey(o), o] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The Flux Kustomization of each application, and what it applies, as Flux builds it from `root`. */
function applications(root: string, kustomizations: readonly K8sObject[]): Record<string, K8sObject[]> {
  return Object.fromEntries(
    kustomizations.map((k) => [k.metadata.name, fluxBuild(path.join(root, String(k.spec?.path)), k.spec ?? {})]),
  );
}

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'a slice of a large homelab ported', () => {
  let ours: string;
  beforeAll(() => {
    ours = tempDir('cdk8s-flux-home-ops-');
    homeOps(ours).synth();
  });

  /** The original's kube-system folder as kubectl kustomize builds it. */
  const theirFolder = () =>
    parseObjects(execFileSync('kubectl', ['kustomize', path.join(REFERENCE, KUBE_SYSTEM)], { encoding: 'utf8' }));

  /** Our Flux Kustomizations, as written in the infrastructure layer's sync folder. */
  const ourKustomizations = () =>
    parseObjects(
      execFileSync('kubectl', ['kustomize', path.join(ours, 'kubernetes/flux/infrastructure')], { encoding: 'utf8' }),
    );

  test('the Flux Kustomizations of the applications are the same, apart from where they are', () => {
    const names = APPS.map((a) => a.name);
    const theirs = theirFolder().filter((o) => isFluxKustomization(o) && names.includes(o.metadata.name));
    const mine = ourKustomizations().filter((o) => names.includes(o.metadata.name));
    expect(theirs).toHaveLength(APPS.length);
    expect(byKeyNamed(mine.map(withoutLayout))).toEqual(byKeyNamed(theirs.map(withoutLayout)));
  });

  test('each application applies the same objects, object by object', () => {
    const names = APPS.map((a) => a.name);
    const theirs = applications(
      REFERENCE,
      theirFolder().filter((o) => isFluxKustomization(o) && names.includes(o.metadata.name)),
    );
    const mine = applications(
      ours,
      ourKustomizations().filter((o) => names.includes(o.metadata.name)),
    );
    expect(Object.keys(mine).sort()).toEqual([...names].sort());
    for (const name of names) expect({ [name]: byKey(mine[name]) }).toEqual({ [name]: byKey(theirs[name]) });
    // an OCIRepository and a HelmRelease each
    expect(Object.values(mine).flat()).toHaveLength(2 * APPS.length);
  });

  test('the kube-system Namespace is the same object', () => {
    const theirs = theirFolder().filter((o) => o.kind === 'Namespace');
    const [namespaceKustomization] = ourKustomizations().filter((o) => o.metadata.name === 'kube-system-namespace');
    const mine = fluxBuild(
      path.join(ours, String(namespaceKustomization.spec?.path)),
      namespaceKustomization.spec ?? {},
    );
    expect(mine).toEqual(theirs);
  });

  test('cdk8s-flux validate passes the ported tree with no flags', async () => {
    const lines: string[] = [];
    const code = await runValidate([ours, '--strict'], {
      out: (l) => void lines.push(l),
      err: (l) => void lines.push(l),
    });
    expect({ code, lines }).toEqual({ code: 0, lines: [expect.stringMatching(/^ok: \d+ objects in \d+ files$/)] });
    expect(fs.existsSync(path.join(ours, 'kubernetes/.cdk8s-flux.yaml'))).toBe(true);
  });
});

/** Flux Kustomizations by name, once their namespace is put aside. */
function byKeyNamed(objects: readonly K8sObject[]): Record<string, K8sObject> {
  return Object.fromEntries(objects.map((o) => [o.metadata.name, o] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}
