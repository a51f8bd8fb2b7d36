import { stringField } from './manifest-fields';

/** The API group of the Flux Operator's kinds. */
export const OPERATOR_GROUP = 'fluxcd.controlplane.io';

const SOURCE_API: Readonly<Record<string, string>> = {
  GitRepository: 'source.toolkit.fluxcd.io/v1',
  OCIRepository: 'source.toolkit.fluxcd.io/v1',
  Bucket: 'source.toolkit.fluxcd.io/v1',
};

/** What the Flux Operator makes from the `sync` of a FluxInstance, in the instance's namespace. */
export interface OperatorSync {
  /** The source it syncs from: `apiVersion`, `kind`, `metadata` only. */
  readonly source: Record<string, unknown>;
  /** The Flux Kustomization that applies `sync.path` from that source. */
  readonly kustomization: Record<string, unknown>;
  /** The Secret with the source's credentials (`sync.pullSecret`), made outside the tree; absent without one. */
  readonly pullSecret?: Record<string, unknown>;
}

/**
 * The objects the Flux Operator makes for a FluxInstance spec with a `sync`: a source of `sync.kind` and a
 * Kustomization applying `sync.path`, both named `sync.name`, else after the instance's namespace; undefined when the
 * spec has no usable sync.
 *
 * @param namespace the FluxInstance's namespace
 * @param spec the FluxInstance's `spec`
 */
export function operatorSyncObjects(namespace: string, spec: Record<string, unknown>): OperatorSync | undefined {
  const sync = spec.sync;
  const kind = stringField(sync, 'kind');
  const syncPath = stringField(sync, 'path');
  if (kind === undefined || SOURCE_API[kind] === undefined || syncPath === undefined) return undefined;
  const name = stringField(sync, 'name') ?? namespace;
  const metadata = { name, namespace };
  const pullSecret = stringField(sync, 'pullSecret');
  return {
    source: { apiVersion: SOURCE_API[kind], kind, metadata },
    kustomization: {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: { path: syncPath, sourceRef: { kind, name } },
    },
    ...(pullSecret === undefined
      ? {}
      : { pullSecret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: pullSecret, namespace } } }),
  };
}

/** True for a FluxInstance of the Flux Operator. */
export function isFluxInstanceManifest(manifest: Record<string, unknown>): boolean {
  const apiVersion = stringField(manifest, 'apiVersion') ?? '';
  return manifest.kind === 'FluxInstance' && apiVersion.startsWith(`${OPERATOR_GROUP}/`);
}
