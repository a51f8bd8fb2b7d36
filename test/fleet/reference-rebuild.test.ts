// The Flux project's reference layout (flux2-kustomize-helm-example: two clusters, staging and production, sharing
// infrastructure controllers, configs and a podinfo app) rebuilt with cdk8s-flux as reusable components instantiated
// once per cluster in one FluxApp. Both trees go through the same offline emulation of Flux (test/support/flux-build):
// from each cluster's flux-system Kustomization, every folder a Flux Kustomization points at is built with
// `kubectl kustomize`, its patches applied, and the Flux Kustomizations found are followed. The objects that reach
// each cluster must then be the same, object by object, after the normalizations listed at NORMALIZATIONS.
//
// What our layout replaces, and why the result is the same for Flux:
// - Per-cluster values. The reference keeps one `apps/base` and patches it per cluster with a Kustomize overlay
//   (`apps/<env>/podinfo-values.yaml`), and patches the ClusterIssuer's ACME server per cluster from the
//   infra-configs Flux Kustomization. Here a component takes those values as typed props and writes the final object
//   directly, so there is no patch to apply; the emulation applies the reference's patches before comparing.
// - Shared folders. The reference writes `apps/base` and `infrastructure/` once and points both clusters at them.
//   Here each cluster gets its own folder of rendered objects (`clusters/<env>/...`); the code is what is shared.
// - ArtifactGenerator. The reference's `clusters/<env>/artifacts.yaml` splits the repository into the
//   ExternalArtifacts `infrastructure` and `apps`, the sources of its Flux Kustomizations. Here every Flux
//   Kustomization builds from the flux-system GitRepository, as `flux bootstrap` sets it up. The emulation makes the
//   reference's artifacts by following its copy rules, so the same files are built.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import {
  FluxApp,
  GOTK_COMPONENTS,
  GitOpsRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  INamespaceScope,
  KUSTOMIZATION_FILE,
  KustomizationOptions,
  OciRef,
  OciRepository,
  ReleaseStrategy,
} from '../../lib';
import { runValidate } from '../../lib/cli/validate-command';
import { HelmValues, mergeHelmValues } from '../../lib/flux/helm-values';
import { OciLayerSelector } from '../../lib/flux/oci-layer-selector';
import { FluxSystemCustomization } from '../../lib/repo/flux-system-customization';
import {
  AppliedObject,
  K8sObject,
  SourceResolver,
  fluxApply,
  fluxBuild,
  isFluxKustomization,
  objectKey,
  parseObjects,
  resolveExternalArtifact,
} from '../support/flux-build';
import { sharedDir } from '../support/shared';
import { readTreeFiles, tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

const REFERENCE = sharedDir('reference', 'flux2-kustomize-helm-example');
/** The reference repository, as `flux bootstrap` would have been pointed at it. */
const REFERENCE_URL = 'ssh://git@github.com/fluxcd/flux2-kustomize-helm-example';
const TENANT_LABEL = 'toolkit.fluxcd.io/tenant';
const ENVS = ['staging', 'production'] as const;
type Env = (typeof ENVS)[number];

// ---------------------------------------------------------------------------------------------------------------
// Reusable components: each one a construct made inside an application folder, taking what varies as props.
// A component that implements INamespaceScope gives the Flux objects made in it their namespace.
// ---------------------------------------------------------------------------------------------------------------

/** A Namespace labelled with the Flux tenant that owns it. */
function tenantNamespace(scope: Construct, name: string, tenant: string): void {
  new k8s.KubeNamespace(scope, `namespace-${name}`, { metadata: { name, labels: { [TENANT_LABEL]: tenant } } });
}

/** Install and upgrade retry without remediation, as every release of the reference does. */
const RETRY = { strategy: ReleaseStrategy.RETRY_ON_FAILURE } as const;

/** cert-manager from its OCI chart, with the CRDs and Gateway API support. */
class CertManager extends Construct implements INamespaceScope {
  public readonly defaultFluxNamespace = 'cert-manager';

  constructor(scope: Construct, id: string) {
    super(scope, id);
    tenantNamespace(this, this.defaultFluxNamespace, 'sre-team');
    const chart = new OciRepository(this, 'cert-manager', {
      url: 'oci://quay.io/jetstack/charts/cert-manager',
      interval: '24h',
      layerSelector: OciLayerSelector.helmChart(),
      ref: OciRef.semver('1.x'),
    });
    new HelmRelease(this, 'cert-manager', {
      chart: HelmChartSource.fromOciRepository(chart),
      interval: '12h',
      install: RETRY,
      upgrade: RETRY,
      values: { crds: { enabled: true, keep: false }, config: { enableGatewayAPI: true } },
    });
  }
}

/** Envoy Gateway from its OCI chart. */
class EnvoyGateway extends Construct implements INamespaceScope {
  public readonly defaultFluxNamespace = 'envoy-gateway-system';

  constructor(scope: Construct, id: string) {
    super(scope, id);
    tenantNamespace(this, this.defaultFluxNamespace, 'sre-team');
    const chart = new OciRepository(this, 'gateway-helm', {
      url: 'oci://docker.io/envoyproxy/gateway-helm',
      interval: '24h',
      layerSelector: OciLayerSelector.helmChart(),
      ref: OciRef.semver('>= 1.8.0-rc.0'),
    });
    new HelmRelease(this, 'envoy-gateway', {
      chart: HelmChartSource.fromOciRepository(chart),
      releaseName: 'envoy-gateway',
      interval: '12h',
      install: RETRY,
      upgrade: RETRY,
    });
  }
}

/** The `envoy` GatewayClass and the shared HTTP Gateway every app routes through. */
class EnvoyGatewayConfig extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'class', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'envoy' },
      spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    });
    new ApiObject(this, 'gateway', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'envoy', namespace: 'envoy-gateway-system' },
      spec: {
        gatewayClassName: 'envoy',
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }],
      },
    });
  }
}

/** Props of {@link LetsEncryptIssuer}. */
interface LetsEncryptIssuerProps {
  /** The ACME directory: Let's Encrypt's staging or production endpoint. */
  readonly server: string;
  /** The account's contact address. */
  readonly email: string;
}

/** A Let's Encrypt ClusterIssuer solving HTTP-01 challenges through the envoy Gateway. */
class LetsEncryptIssuer extends Construct {
  constructor(scope: Construct, id: string, props: LetsEncryptIssuerProps) {
    super(scope, id);
    new ApiObject(this, 'issuer', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt' },
      spec: {
        acme: {
          email: props.email,
          server: props.server,
          privateKeySecretRef: { name: 'letsencrypt' },
          solvers: [
            {
              http01: {
                gatewayHTTPRoute: {
                  parentRefs: [{ name: 'envoy', namespace: 'envoy-gateway-system', kind: 'Gateway' }],
                },
              },
            },
          ],
        },
      },
    });
  }
}

/** Props of {@link Podinfo}: what differs between clusters. */
interface PodinfoProps {
  /** A semver range of the chart. */
  readonly chartVersion: string;
  /** The host names its HTTPRoute answers. */
  readonly hostnames: readonly string[];
  /**
   * Run the chart's tests after install and upgrade.
   * @default Flux's default (no tests)
   */
  readonly test?: boolean;
  /**
   * Values merged over the component's defaults.
   * @default none
   */
  readonly values?: HelmValues;
}

/** podinfo from its Helm repository, with Redis, behind the envoy Gateway. */
class Podinfo extends Construct implements INamespaceScope {
  public readonly defaultFluxNamespace = 'podinfo';

  /** The component's default values; the reference's `apps/base/podinfo/release.yaml` holds the same. */
  public static readonly DEFAULT_VALUES: HelmValues = {
    redis: { enabled: true, repository: 'public.ecr.aws/docker/library/redis', tag: '8.6.2' },
    httpRoute: {
      enabled: true,
      parentRefs: [{ name: 'envoy', namespace: 'envoy-gateway-system', sectionName: 'http' }],
      hostnames: ['podinfo.local'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }],
    },
  };

  constructor(scope: Construct, id: string, props: PodinfoProps) {
    super(scope, id);
    tenantNamespace(this, this.defaultFluxNamespace, 'dev-team');
    const charts = new HelmRepository(this, 'podinfo', {
      url: 'https://stefanprodan.github.io/podinfo',
      interval: '5m',
    });
    new HelmRelease(this, 'podinfo', {
      chart: HelmChartSource.fromRepository(charts, 'podinfo', { version: props.chartVersion }),
      interval: '50m',
      releaseName: 'podinfo',
      install: RETRY,
      upgrade: RETRY,
      test: props.test,
      values: mergeHelmValues(Podinfo.DEFAULT_VALUES, { httpRoute: { hostnames: [...props.hostnames] } }, props.values),
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The fleet: one blueprint, instantiated per cluster with the settings the reference spreads over its overlays.
// ---------------------------------------------------------------------------------------------------------------

/** What differs from one cluster to the next. */
interface ClusterSettings {
  readonly acmeServer: string;
  readonly podinfo: PodinfoProps;
}

const CLUSTERS: Readonly<Record<Env, ClusterSettings>> = {
  staging: {
    acmeServer: 'https://acme-staging-v02.api.letsencrypt.org/directory',
    podinfo: { chartVersion: '>=1.0.0-alpha', hostnames: ['podinfo.staging'], test: false },
  },
  production: {
    acmeServer: 'https://acme-v02.api.letsencrypt.org/directory',
    podinfo: { chartVersion: '>=1.0.0', hostnames: ['podinfo.production'] },
  },
};

/** The reference's bootstrap customization: more concurrency and faster dependency checks for three controllers. */
const FLUX_SYSTEM: FluxSystemCustomization = {
  labels: { [TENANT_LABEL]: 'sre-team' },
  patches: [
    {
      patch: [
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--concurrent=20' },
        { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--requeue-dependency=5s' },
      ],
      target: { kind: 'Deployment', name: '(kustomize-controller|helm-controller|source-controller)' },
    },
  ],
};

/** How the reference reconciles each of its Flux Kustomizations. */
const RECONCILE: KustomizationOptions = { interval: '1h', retryInterval: '2m', timeout: '5m', prune: true };

/** One cluster of the fleet: its tree in `clusters/<env>`, synced by Flux from `clusters/<env>/flux`. */
function fleetCluster(app: FluxApp, env: Env): GitOpsRepository {
  const settings = CLUSTERS[env];
  const cluster = new GitOpsRepository(app, env, {
    url: REFERENCE_URL,
    branch: 'main',
    path: `clusters/${env}`,
    fluxSystem: FLUX_SYSTEM,
  });
  // The reference's names for its Flux Kustomizations, kept so that dependsOn and `flux get` read the same.
  const controllers = cluster.infrastructure('controllers', {
    ...RECONCILE,
    wait: true,
    kustomizationName: 'infra-controllers',
  });
  new CertManager(controllers, 'cert-manager');
  new EnvoyGateway(controllers, 'envoy-gateway');

  const configs = cluster.infrastructure('configs', {
    ...RECONCILE,
    kustomizationName: 'infra-configs',
    dependsOn: [controllers],
  });
  new LetsEncryptIssuer(configs, 'letsencrypt', {
    server: settings.acmeServer,
    email: 'fluxcdbot@users.noreply.github.com',
  });
  new EnvoyGatewayConfig(configs, 'gateway');

  const apps = cluster.layer('apps').addApplication('podinfo', {
    ...RECONCILE,
    wait: true,
    kustomizationName: 'apps',
    dependsOn: [configs],
  });
  new Podinfo(apps, 'podinfo', settings.podinfo);
  return cluster;
}

/** Both clusters in one app. */
function fleet(outdir: string): FluxApp {
  const app = new FluxApp({ outdir });
  for (const env of ENVS) fleetCluster(app, env);
  return app;
}

// ---------------------------------------------------------------------------------------------------------------
// The two trees, ready for the Flux emulation.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Stand-in for the Flux controllers `flux bootstrap` writes to `gotk-components.yaml` (the reference leaves that file
 * out): the Deployments the bootstrap customization patches, and one it must leave alone.
 */
function gotkComponentsStub(): string {
  const controller = (name: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'flux-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'manager', image: `ghcr.io/fluxcd/${name}`, args: ['--log-level=info'] }] },
      },
    },
  });
  const names = ['source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller'];
  return names.map((n) => JSON.stringify(controller(n))).join('\n---\n');
}

/** The sync objects `flux bootstrap git --url=<url> --branch=main --path=<syncPath>` writes to `gotk-sync.yaml`. */
function bootstrapSync(url: string, syncPath: string): string {
  return `# written as flux bootstrap writes it
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  secretRef:
    name: flux-system
  url: ${url}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m0s
  path: ./${syncPath}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;
}

/** A tree as Flux sees it: its checkout, and for each cluster the folder holding `gotk-sync.yaml`. */
interface Checkout {
  readonly root: string;
  readonly fluxSystem: Readonly<Record<Env, string>>;
}

/** Our fleet, synthesized after bootstrap committed `gotk-components.yaml` in each cluster. */
function ourCheckout(): Checkout {
  const root = tempDir('cdk8s-flux-fleet-');
  const fluxSystem = {
    staging: 'clusters/staging/flux/flux-system',
    production: 'clusters/production/flux/flux-system',
  };
  for (const dir of Object.values(fluxSystem)) {
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    fs.writeFileSync(path.join(root, dir, GOTK_COMPONENTS), gotkComponentsStub());
  }
  fleet(root).synth();
  return { root, fluxSystem };
}

/** A copy of the reference after `flux bootstrap --path=clusters/<env>`: the two files bootstrap writes filled in. */
function referenceCheckout(): Checkout {
  const root = tempDir('cdk8s-flux-reference-');
  fs.cpSync(REFERENCE, root, { recursive: true });
  const fluxSystem = { staging: 'clusters/staging/flux-system', production: 'clusters/production/flux-system' };
  for (const env of ENVS) {
    fs.writeFileSync(path.join(root, fluxSystem[env], GOTK_COMPONENTS), gotkComponentsStub());
    fs.writeFileSync(
      path.join(root, fluxSystem[env], 'gotk-sync.yaml'),
      bootstrapSync(REFERENCE_URL, `clusters/${env}`),
    );
  }
  return { root, fluxSystem };
}

/** Everything Flux applies to cluster `env` of `checkout`, from its flux-system Kustomization on. */
function appliedTo(checkout: Checkout, env: Env): AppliedObject[] {
  const sync = parseObjects(
    fs.readFileSync(path.join(checkout.root, checkout.fluxSystem[env], 'gotk-sync.yaml'), 'utf8'),
  );
  const entry = sync.find(isFluxKustomization);
  if (entry === undefined) throw new Error(`no flux-system Kustomization in ${checkout.fluxSystem[env]}`);
  const resolve: SourceResolver = (ref, applied) => {
    if (ref.kind === 'GitRepository' && ref.name === 'flux-system') return checkout.root;
    if (ref.kind === 'ExternalArtifact') return resolveExternalArtifact(ref, applied, () => checkout.root);
    throw new Error(`unknown source ${ref.kind} ${ref.namespace}/${ref.name}`);
  };
  return fluxApply(entry, resolve);
}

// ---------------------------------------------------------------------------------------------------------------
// NORMALIZATIONS: where the two layouts legitimately differ. Everything else must be equal.
// ---------------------------------------------------------------------------------------------------------------

/** Objects only the reference has, because our layout replaces them (see the top of this file). */
const REFERENCE_ONLY = ['ArtifactGenerator flux-system/flux-system'];

/**
 * A Flux Kustomization with the fields that follow from the layout put aside:
 * - `spec.path`: the folders differ (`./clusters/staging` and `./controllers` of an artifact there;
 *   `./clusters/staging/flux` and `./clusters/staging/infrastructure/controllers` here). What each path leads to is
 *   compared object by object instead.
 * - `spec.sourceRef`: the ExternalArtifacts `infrastructure` and `apps` there, the flux-system GitRepository here.
 * - `spec.patches`: the reference patches the ClusterIssuer per cluster; our component writes the patched value. The
 *   emulation applies the patches, so the patched objects are compared.
 */
function normalized(o: K8sObject): K8sObject {
  if (!isFluxKustomization(o)) return o;
  const { path: _path, sourceRef: _sourceRef, patches: _patches, ...spec } = o.spec ?? {};
  return { ...o, spec };
}

/** `appliedBy kind namespace/name` -> normalized object. */
function byKey(applied: readonly AppliedObject[], leaveOut: readonly string[] = []): Map<string, K8sObject> {
  const out = new Map<string, K8sObject>();
  for (const { appliedBy, object } of applied) {
    if (leaveOut.includes(objectKey(object))) continue;
    const key = `${appliedBy} ${objectKey(object)}`;
    if (out.has(key)) throw new Error(`${key} is applied twice`);
    out.set(key, normalized(object));
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The fields of podinfo's HelmRelease that differ between the clusters. */
interface PodinfoReleaseSpec {
  readonly chart: { readonly spec: { readonly version: string } };
  readonly test?: { readonly enable: boolean };
  readonly values: { readonly httpRoute: { readonly hostnames: string[] }; readonly redis: { readonly tag: string } };
}

/** The container arguments of a controller Deployment. */
interface DeploymentSpec {
  readonly template: { readonly spec: { readonly containers: readonly { readonly args: string[] }[] } };
}

// ---------------------------------------------------------------------------------------------------------------

describe('the reference fleet rebuilt with cdk8s-flux', () => {
  test('one app writes both clusters side by side, each a complete tree of its own', () => {
    const files = [...fleet(tempDir()).synthTree().keys()];
    for (const env of ENVS) {
      expect(
        files.filter((f) => f.startsWith(`clusters/${env}/`)).map((f) => f.slice(`clusters/${env}/`.length)),
      ).toEqual([
        '.cdk8s-flux.yaml',
        'apps/kustomization.yaml',
        'apps/podinfo/helmrelease-podinfo.yaml',
        'apps/podinfo/helmrepository-podinfo.yaml',
        'apps/podinfo/kustomization.yaml',
        'apps/podinfo/namespace-podinfo.yaml',
        'flux/apps/apps.yaml',
        'flux/apps/kustomization.yaml',
        'flux/flux-system/gotk-sync.yaml',
        'flux/flux-system/kustomization.yaml',
        'flux/infrastructure/infra-configs.yaml',
        'flux/infrastructure/infra-controllers.yaml',
        'flux/infrastructure/kustomization.yaml',
        'flux/kustomization.yaml',
        'infrastructure/configs/clusterissuer-letsencrypt.yaml',
        'infrastructure/configs/gateway-envoy.yaml',
        'infrastructure/configs/gatewayclass-envoy.yaml',
        'infrastructure/configs/kustomization.yaml',
        'infrastructure/controllers/helmrelease-cert-manager.yaml',
        'infrastructure/controllers/helmrelease-envoy-gateway.yaml',
        'infrastructure/controllers/kustomization.yaml',
        'infrastructure/controllers/namespace-cert-manager.yaml',
        'infrastructure/controllers/namespace-envoy-gateway-system.yaml',
        'infrastructure/controllers/ocirepository-cert-manager.yaml',
        'infrastructure/controllers/ocirepository-gateway-helm.yaml',
        'infrastructure/kustomization.yaml',
      ]);
    }
    expect(files.every((f) => /^clusters\/(staging|production)\//.test(f))).toBe(true);
  });

  test('cdk8s-flux validate, which checks hand-written trees, passes the synthesized fleet as it passes the reference', async () => {
    const outdir = tempDir();
    fleet(outdir).synth();
    for (const dir of [outdir, REFERENCE]) {
      const lines: string[] = [];
      const code = await runValidate([dir], { out: (l) => void lines.push(l), err: (l) => void lines.push(l) });
      expect({ code, lines }).toEqual({ code: 0, lines: [expect.stringMatching(/^ok: \d+ objects in \d+ files$/)] });
    }
  });
});

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'the reference fleet, as Flux applies it', () => {
  let ours: Checkout;
  let reference: Checkout;
  beforeAll(() => {
    ours = ourCheckout();
    reference = referenceCheckout();
  });

  test.each(ENVS)('%s: the same objects reach the cluster, applied by the same Flux Kustomizations', (env) => {
    const theirs = appliedTo(reference, env);
    const mine = appliedTo(ours, env);
    // What our layout leaves out is exactly what it replaces.
    expect(theirs.map((a) => objectKey(a.object)).filter((k) => !mine.some((m) => objectKey(m.object) === k))).toEqual(
      REFERENCE_ONLY,
    );
    const expected = byKey(theirs, REFERENCE_ONLY);
    const actual = byKey(mine);
    // Keyed by `appliedBy kind namespace/name`, so a difference shows which object of which Kustomization differs.
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // flux-system: its GitRepository and Kustomization, 4 controllers, 3 Kustomizations; then 6 + 3 + 3 objects.
    expect(actual.size).toBe(21);
  });

  test('the clusters differ exactly where the reference overlays and patches them', () => {
    const objects = (env: Env) => new Map(appliedTo(ours, env).map((a) => [objectKey(a.object), normalized(a.object)]));
    const staging = objects('staging');
    const production = objects('production');
    const differing = [...staging.keys()]
      .filter((k) => JSON.stringify(staging.get(k)) !== JSON.stringify(production.get(k)))
      .sort();
    // Flux Kustomizations differ by their paths only (clusters/<env>/...), which normalized() puts aside.
    expect(differing).toEqual(['ClusterIssuer /letsencrypt', 'HelmRelease podinfo/podinfo']);
    const release = (m: Map<string, K8sObject>) =>
      m.get('HelmRelease podinfo/podinfo')?.spec as unknown as PodinfoReleaseSpec;
    expect([release(staging).chart.spec.version, release(production).chart.spec.version]).toEqual([
      '>=1.0.0-alpha',
      '>=1.0.0',
    ]);
    expect([release(staging).test, release(production).test]).toEqual([{ enable: false }, undefined]);
    expect(release(production).values.httpRoute.hostnames).toEqual(['podinfo.production']);
    expect(release(production).values.redis.tag).toBe('8.6.2');
  });

  test('every folder of our tree builds with kubectl kustomize, and the bootstrap patches reach the controllers', () => {
    const folders = [...readTreeFiles(ours.root).keys()]
      .filter((f) => f.endsWith(`/${KUSTOMIZATION_FILE}`))
      .map((f) => path.dirname(f));
    expect(folders).toHaveLength(2 * 9);
    for (const folder of folders) expect(fluxBuild(path.join(ours.root, folder), {}).length).toBeGreaterThan(0);
    const controllers = appliedTo(ours, 'production').filter((a) => a.object.kind === 'Deployment');
    const args = Object.fromEntries(
      controllers.map((a) => [
        a.object.metadata.name,
        (a.object.spec as unknown as DeploymentSpec).template.spec.containers[0].args,
      ]),
    );
    expect(args).toEqual({
      'source-controller': ['--log-level=info', '--concurrent=20', '--requeue-dependency=5s'],
      'kustomize-controller': ['--log-level=info', '--concurrent=20', '--requeue-dependency=5s'],
      'helm-controller': ['--log-level=info', '--concurrent=20', '--requeue-dependency=5s'],
      'notification-controller': ['--log-level=info'],
    });
    expect(controllers.every((a) => a.object.metadata.labels?.[TENANT_LABEL] === 'sre-team')).toBe(true);
  });
});
