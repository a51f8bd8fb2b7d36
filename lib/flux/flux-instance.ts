import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as operator from '../../imports/fluxcd.controlplane.io';
import { FluxDuration } from '../duration';
import { dns1123LabelProblem } from '../validate/schema-validator/names';
import { CommonMetadata, renderCommonMetadata } from './common-metadata';
import { FluxComponent } from './flux-component';
import { FluxDistribution } from './flux-distribution';
import { FluxInstanceCluster } from './flux-instance-cluster';
import { FluxInstanceSharding, FluxInstanceStorage, ShardStorage } from './flux-instance-sharding';
import { FluxInstanceSource, FluxInstanceSourceKind, SyncProvider } from './flux-instance-source';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IKustomization } from './kustomization';
import { KustomizationPatch } from './kustomize-patch';
import { IReferenceable } from './object-ref';
import { secretRefOf } from './secret-source';

/** The only name the Flux Operator accepts for a FluxInstance. */
export const FLUX_INSTANCE_NAME = 'flux';

/** A source the Flux Operator makes for a FluxInstance's sync. */
export type IFluxInstanceSyncSource = IReferenceable<'GitRepository' | 'OCIRepository' | 'Bucket'>;

/** What the cluster is synced from (`spec.sync` of a FluxInstance). */
export interface FluxInstanceSync {
  /** The source: `FluxInstanceSource.git(...)`, `.oci(...)` or `.bucket(...)`. */
  readonly source: FluxInstanceSource;
  /** The folder of the source the operator's Kustomization applies, e.g. `"clusters/staging"`. */
  readonly path: string;
  /**
   * How often the source is fetched.
   * @default "1m" (the operator's default, not written)
   */
  readonly interval?: FluxDuration;
  /**
   * The name of the source and Kustomization the operator makes.
   * @default the FluxInstance's namespace (`flux-system`)
   */
  readonly name?: string;
}

/** Props of a {@link FluxInstance}. */
export interface FluxInstanceProps extends FluxResourceProps {
  /**
   * Which Flux is installed, from where.
   * @default version "2.x" from "ghcr.io/fluxcd"
   */
  readonly distribution?: FluxDistribution;
  /**
   * The controllers to install.
   * @default the operator's default: source, kustomize, helm and notification controllers (not written)
   */
  readonly components?: readonly FluxComponent[];
  /**
   * The cluster Flux runs in: its type, size, multi-tenancy lockdown, network policy.
   * @default the operator's defaults (not written)
   */
  readonly cluster?: FluxInstanceCluster;
  /**
   * Where the operator syncs the cluster from: it makes a source and a Kustomization applying `path` from it.
   * @default no sync: Flux is installed, the cluster is synced some other way
   */
  readonly sync?: FluxInstanceSync;
  /**
   * Kustomize patches of the Flux controllers and of the sync objects (`spec.kustomize.patches`). A target has no
   * namespace: every patch applies in the instance's namespace.
   * @default no patches
   * @see https://fluxoperator.dev/docs/instance/customization/
   */
  readonly patches?: readonly KustomizationPatch[];
  /**
   * Controller shards.
   * @default no sharding
   */
  readonly sharding?: FluxInstanceSharding;
  /**
   * A persistent volume claim for the source-controller's artifacts.
   * @default an emptyDir
   */
  readonly storage?: FluxInstanceStorage;
  /**
   * Labels and annotations put on every object the operator makes (`commonMetadata`).
   * @default none
   */
  readonly commonMetadata?: CommonMetadata;
  /**
   * Wait for every object the operator applies to be ready.
   * @default true (the operator's default, not written)
   */
  readonly wait?: boolean;
  /**
   * Migrate the Flux objects to the newest API versions of the CRDs after an upgrade.
   * @default true (the operator's default, not written)
   */
  readonly migrateResources?: boolean;
}

const SYNC_SCHEMES: Readonly<Record<FluxInstanceSourceKind, { schemes: string[]; example: string }>> = {
  [FluxInstanceSourceKind.GIT_REPOSITORY]: {
    schemes: ['https', 'http', 'ssh'],
    example: 'ssh://git@github.com/org/fleet.git',
  },
  [FluxInstanceSourceKind.OCI_REPOSITORY]: { schemes: ['oci'], example: 'oci://ghcr.io/org/fleet' },
  [FluxInstanceSourceKind.BUCKET]: { schemes: [], example: 'minio.example.com' },
};

const PROVIDER_KINDS: Partial<Record<SyncProvider, readonly FluxInstanceSourceKind[]>> = {
  [SyncProvider.GCP]: [FluxInstanceSourceKind.OCI_REPOSITORY, FluxInstanceSourceKind.BUCKET],
  [SyncProvider.GITHUB]: [FluxInstanceSourceKind.GIT_REPOSITORY],
};

/** A loose semver range: a version or a range of them, with `x` or `*` wildcards. */
const VERSION_RANGE = /^(?:[<>=~^!]*\s*v?\d+(?:\.(?:\d+|x|X|\*)){0,2}(?:-[0-9A-Za-z.-]+)?\s*,?\s*)+$/;
/** A Kubernetes quantity such as `10Gi`. */
const QUANTITY = /^\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
/** An OCI tag. */
const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * A Flux Operator FluxInstance: the operator installs Flux (distribution, components, cluster profile) and, with a
 * `sync`, makes the source and the Kustomization that sync the cluster from Git, OCI or a bucket.
 *
 * @example
 *   new FluxInstance(fluxSystem, 'flux', {
 *     components: [FluxComponent.SOURCE_CONTROLLER, FluxComponent.KUSTOMIZE_CONTROLLER],
 *     cluster: { size: ClusterSize.MEDIUM, multitenant: true, tenantDefaultServiceAccount: 'flux' },
 *     sync: { source: FluxInstanceSource.oci('oci://ghcr.io/org/fleet'), path: 'clusters/staging' },
 *   });
 * @see https://fluxoperator.dev/docs/crd/fluxinstance/
 */
export class FluxInstance extends FluxObject<'FluxInstance', operator.FluxInstanceSpec> {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('FluxInstance', operator.FluxInstance);

  /** The source the operator makes from `sync` (named after the sync), for Kustomizations that build from it. */
  public readonly syncSource?: IFluxInstanceSyncSource;
  /** The Kustomization the operator makes from `sync`, for `dependsOn`. */
  public readonly syncKustomization?: IKustomization;
  private decryptionSecret: () => string | undefined = () => undefined;

  constructor(scope: Construct, id: string, props: FluxInstanceProps = {}) {
    const c = new FluxSpecContext(scope, id, FluxInstance.KIND, { ...props, name: props.name ?? FLUX_INSTANCE_NAME });
    if (c.metadata.name !== FLUX_INSTANCE_NAME) {
      c.add(
        c.where('name'),
        c.metadata.name,
        `is not accepted: the operator reconciles only a FluxInstance named "${FLUX_INSTANCE_NAME}"`,
        `leave the name out (it defaults to "${FLUX_INSTANCE_NAME}")`,
      );
    }
    const distribution = checkDistribution(c, props.distribution ?? {});
    const components = checkComponents(c, props.components, props.sync !== undefined);
    checkCluster(c, props.cluster);
    const sync = props.sync === undefined ? undefined : checkSync(c, props.sync);
    const patches = checkPatches(c, props.patches ?? []);
    const sharding = props.sharding === undefined ? undefined : checkSharding(c, props);
    const storage = props.storage === undefined ? undefined : checkStorage(c, props.storage);
    const syncName = sync?.name ?? c.namespace;
    super(c, {
      distribution,
      components,
      cluster: props.cluster === undefined ? undefined : clusterSpec(props.cluster),
      sync,
      kustomize: Lazy.any({
        produce: () => {
          const secret = this.decryptionSecret();
          const all = secret === undefined ? patches : [...patches, decryptionPatch(syncName, secret)];
          return all.length === 0 ? undefined : { patches: all };
        },
      }) as operator.FluxInstanceSpecKustomize,
      sharding,
      storage,
      commonMetadata: renderCommonMetadata(props.commonMetadata),
      wait: props.wait,
      migrateResources: props.migrateResources,
    });
    if (props.sync !== undefined) {
      const kind = props.sync.source.kind;
      const ref = { apiVersion: 'source.toolkit.fluxcd.io/v1', name: syncName, namespace: c.namespace };
      this.syncSource = { ref: { ...ref, kind } };
      this.syncKustomization = { ref: { ...ref, apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' } };
    }
  }

  /**
   * Lets the Kustomization the operator makes from `sync` decrypt SOPS-encrypted files with the private key in
   * Secret `secretName`: a patch adding `spec.decryption` to it, the way the operator's customization supports.
   *
   * @param secretName the Secret's name, or a function giving it (or `undefined` for no decryption) at synth
   */
  public enableSopsDecryption(secretName: string | (() => string | undefined)): void {
    this.decryptionSecret = typeof secretName === 'string' ? () => secretName : secretName;
  }
}

type Context = FluxSpecContext<'FluxInstance', operator.FluxInstanceSpec>;

function checkDistribution(c: Context, d: FluxDistribution): operator.FluxInstanceSpecDistribution {
  const version = d.version ?? '2.x';
  if (!VERSION_RANGE.test(version.trim())) {
    c.add(
      c.where('distribution.version'),
      version,
      'is not a semver range of Flux versions',
      'use a range such as "2.x" or "2.3.x"',
    );
  }
  const registry = d.registry ?? 'ghcr.io/fluxcd';
  if (registry.trim() === '' || registry.includes('://')) {
    c.add(
      c.where('distribution.registry'),
      registry,
      'is not a registry address',
      'write the registry without a scheme, e.g. "ghcr.io/fluxcd"',
    );
  }
  return {
    version,
    registry,
    artifact:
      d.artifact === undefined
        ? undefined
        : c.url(
            'distribution.artifact',
            d.artifact,
            ['oci'],
            'oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests',
          ),
    artifactPullSecret: d.artifactPullSecret,
    imagePullSecret: d.imagePullSecret,
    variant: d.variant as string | undefined as operator.FluxInstanceSpecDistributionVariant | undefined,
  };
}

function checkComponents(
  c: Context,
  components: readonly FluxComponent[] | undefined,
  synced: boolean,
): operator.FluxInstanceSpecComponents[] | undefined {
  if (components === undefined) return undefined;
  if (components.length === 0) {
    c.add(c.where('components'), '[]', 'is empty', 'list the controllers to install, or leave it out for the defaults');
  }
  const seen = new Set<FluxComponent>();
  for (const component of components) {
    if (seen.has(component)) {
      c.add(c.where('components'), component, 'is listed twice', 'list each controller once');
    }
    seen.add(component);
  }
  const needed = [FluxComponent.SOURCE_CONTROLLER, FluxComponent.KUSTOMIZE_CONTROLLER].filter((n) => !seen.has(n));
  if (synced && components.length > 0 && needed.length > 0) {
    c.add(
      c.where('components'),
      components.join(', '),
      `leaves out ${needed.join(' and ')}, which the sync needs to fetch and apply the cluster's files`,
      `add ${needed.map((n) => `FluxComponent.${enumKey(n)}`).join(' and ')}`,
    );
  }
  return components.map((x) => x as string as operator.FluxInstanceSpecComponents);
}

/** The member name of a {@link FluxComponent}, for a fix. */
function enumKey(component: FluxComponent): string {
  return Object.entries(FluxComponent).find(([, v]) => v === component)?.[0] ?? component;
}

function checkCluster(c: Context, cluster: FluxInstanceCluster | undefined): void {
  if (cluster === undefined) return;
  if (cluster.tenantDefaultServiceAccount !== undefined && cluster.multitenant !== true) {
    c.add(
      c.where('cluster.tenantDefaultServiceAccount'),
      cluster.tenantDefaultServiceAccount,
      'has no effect without the multi-tenancy lockdown',
      'set cluster.multitenant to true, or leave the service account out',
    );
  }
  for (const field of ['tenantDefaultDecryptionServiceAccount', 'tenantDefaultKubeConfigServiceAccount'] as const) {
    if (cluster[field] !== undefined && cluster.multitenantWorkloadIdentity !== true) {
      c.add(
        c.where(`cluster.${field}`),
        cluster[field],
        'has no effect without the multi-tenancy lockdown of workload identity',
        'set cluster.multitenantWorkloadIdentity (and objectLevelWorkloadIdentity) to true, or leave it out',
      );
    }
  }
  if (cluster.multitenantWorkloadIdentity === true && cluster.objectLevelWorkloadIdentity !== true) {
    c.add(
      c.where('cluster.multitenantWorkloadIdentity'),
      'true',
      'needs object-level workload identity',
      'set cluster.objectLevelWorkloadIdentity to true',
    );
  }
}

function clusterSpec(cluster: FluxInstanceCluster): operator.FluxInstanceSpecCluster {
  return {
    ...cluster,
    type: cluster.type as string | undefined as operator.FluxInstanceSpecClusterType | undefined,
    size: cluster.size as string | undefined as operator.FluxInstanceSpecClusterSize | undefined,
  };
}

function checkSync(c: Context, sync: FluxInstanceSync): operator.FluxInstanceSpecSync {
  const { source } = sync;
  const { schemes, example } = SYNC_SCHEMES[source.kind];
  const url =
    schemes.length > 0
      ? c.url('sync.url', source.url, schemes, example)
      : source.url.trim() === '' || source.url.includes('://')
        ? (c.add(c.where('sync.url'), source.url, 'is not a bucket endpoint', `write the host, e.g. "${example}"`),
          source.url)
        : source.url;
  if (source.kind === FluxInstanceSourceKind.GIT_REPOSITORY && !/^refs\/\S+$/.test(source.ref)) {
    c.add(
      c.where('sync.ref'),
      source.ref,
      'is not a full Git ref name',
      'use "refs/heads/<branch>" or "refs/tags/<tag>"',
    );
  }
  if (source.kind === FluxInstanceSourceKind.OCI_REPOSITORY && !OCI_TAG.test(source.ref)) {
    c.add(c.where('sync.ref'), source.ref, 'is not an OCI tag', 'use a tag such as "latest" or "v1.2.3"');
  }
  if (source.kind === FluxInstanceSourceKind.BUCKET) {
    const problem = dns1123LabelProblem(source.ref, 'a bucket name');
    if (problem !== undefined) c.add(c.where('sync.ref'), source.ref, problem.message, problem.fix);
  }
  const allowed = source.provider === undefined ? undefined : PROVIDER_KINDS[source.provider];
  if (source.provider !== undefined && allowed !== undefined && !allowed.includes(source.kind)) {
    c.add(
      c.where('sync.provider'),
      source.provider,
      `is not supported for a ${source.kind} source (only ${allowed.join(' and ')})`,
      'use another provider, or SyncProvider.GENERIC with a pull Secret',
    );
  }
  if (sync.path.trim() === '') {
    c.add(c.where('sync.path'), sync.path, 'must not be empty', 'give the folder to apply, e.g. "clusters/staging"');
  }
  if (sync.name !== undefined) {
    const problem = dns1123LabelProblem(sync.name);
    if (problem !== undefined) c.add(c.where('sync.name'), sync.name, problem.message, problem.fix);
  }
  const pullSecret = secretRefOf(source.pullSecret, c.namespace, c.where('sync.pullSecret'), c);
  return {
    kind: source.kind as string as operator.FluxInstanceSpecSyncKind,
    url,
    ref: source.ref,
    path: sync.path,
    interval: c.duration('sync.interval', sync.interval),
    name: sync.name,
    provider: source.provider as string | undefined as operator.FluxInstanceSpecSyncProvider | undefined,
    pullSecret: pullSecret?.name,
  };
}

function checkPatches(c: Context, patches: readonly KustomizationPatch[]): operator.FluxInstanceSpecKustomizePatches[] {
  return patches.map((p, i) => {
    const text = typeof p.patch === 'string' ? p.patch : p.patch.length === 0 ? '' : stringify(p.patch);
    if (text.trim() === '') {
      c.add(
        c.where(`patches[${i}].patch`),
        typeof p.patch === 'string' ? p.patch : '[]',
        'is empty',
        'write the patch (YAML text or a list of JSON 6902 operations), or drop the entry',
      );
    }
    if (p.target?.namespace !== undefined) {
      c.add(
        c.where(`patches[${i}].target.namespace`),
        p.target.namespace,
        'must not be set: the operator applies every patch in the instance namespace',
        'drop target.namespace',
      );
    }
    return { patch: text, target: p.target === undefined ? undefined : { ...p.target } };
  });
}

function checkSharding(c: Context, props: FluxInstanceProps): operator.FluxInstanceSpecSharding {
  const sharding = props.sharding as FluxInstanceSharding;
  if (sharding.shards.length === 0) {
    c.add(c.where('sharding.shards'), '[]', 'is empty', 'name the shards, e.g. ["shard1", "shard2"]');
  }
  const seen = new Set<string>();
  for (const shard of sharding.shards) {
    const problem = dns1123LabelProblem(shard, 'a shard name');
    if (problem !== undefined) c.add(c.where('sharding.shards'), shard, problem.message, problem.fix);
    if (seen.has(shard)) c.add(c.where('sharding.shards'), shard, 'is listed twice', 'name each shard once');
    seen.add(shard);
  }
  if (sharding.storage === ShardStorage.PERSISTENT && props.storage === undefined) {
    c.add(
      c.where('sharding.storage'),
      sharding.storage,
      'needs a volume for each shard',
      'set storage: { storageClass, size } on the FluxInstance',
    );
  }
  return {
    shards: [...sharding.shards],
    key: sharding.key,
    storage: sharding.storage as string | undefined as operator.FluxInstanceSpecShardingStorage | undefined,
  };
}

function checkStorage(c: Context, storage: FluxInstanceStorage): operator.FluxInstanceSpecStorage {
  if (!QUANTITY.test(storage.size)) {
    c.add(c.where('storage.size'), storage.size, 'is not a Kubernetes quantity', 'use a size such as "10Gi"');
  }
  if (storage.storageClass.trim() === '') {
    c.add(c.where('storage.storageClass'), storage.storageClass, 'must not be empty', 'name a storage class');
  }
  return { class: storage.storageClass, size: storage.size };
}

/** The patch that gives the sync Kustomization `name` SOPS decryption with the key in Secret `secret`. */
function decryptionPatch(name: string, secret: string): operator.FluxInstanceSpecKustomizePatches {
  const operation = { op: 'add', path: '/spec/decryption', value: { provider: 'sops', secretRef: { name: secret } } };
  return { patch: stringify([operation]), target: { kind: 'Kustomization', name } };
}
