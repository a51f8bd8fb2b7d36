import { k8s } from 'cdk8s-plus-30';
import * as library from '../index';
import { isPlainObject } from '../sops/base/plain-object';
import { Expression, ProgramModule, Statement, construct, flux, symbol, value } from './expression';
import { helmRelease } from './kinds/helm-release-kind';
import { kustomization } from './kinds/kustomization-kind';
import { IMAGE_IMPORTERS } from './kinds/image-kinds';
import { NOTIFICATION_IMPORTERS } from './kinds/notification-kinds';
import { resourceSet, resourceSetInputProvider } from './kinds/operator-kinds';
import { SOURCE_IMPORTERS } from './kinds/source-kinds';
import { Importer, TypedContext } from './kinds/typed-props';

/** The typed constructs of the Flux kinds the import writes, by kind. */
const FLUX_IMPORTERS: Readonly<Record<string, Importer>> = {
  ...SOURCE_IMPORTERS,
  ...NOTIFICATION_IMPORTERS,
  ...IMAGE_IMPORTERS,
  HelmRelease: helmRelease,
  Kustomization: kustomization,
  ResourceSet: resourceSet,
  ResourceSetInputProvider: resourceSetInputProvider,
};

/**
 * The apiVersion Flux serves for each kind cdk8s-flux has a typed construct for (the classes of its API with a
 * `KIND`): the one the construct writes.
 */
const SERVED: ReadonlyMap<string, string> = new Map(
  Object.values(library as Readonly<Record<string, unknown>>).flatMap((c) => {
    const kind = (c as { KIND?: { kind?: unknown; binding?: { GVK?: { apiVersion?: unknown } } } } | undefined)?.KIND;
    const apiVersion = kind?.binding?.GVK?.apiVersion;
    return typeof kind?.kind === 'string' && typeof apiVersion === 'string' ? [[kind.kind, apiVersion] as const] : [];
  }),
);

/** The Flux API groups: an object of one of them with no importer is kept as an `ApiObject`, and said so. */
export const FLUX_GROUP = /\.toolkit\.fluxcd\.io\/|^fluxcd\.controlplane\.io\/|\.extensions\.fluxcd\.io\//;

/** The API groups whose typed constructs take the object's name as id (the constructs add their kind). */
export const TYPED_ID = /\.toolkit\.fluxcd\.io\//;

/** The name of the class of cdk8s-plus's `k8s` bindings that writes `apiVersion` and `kind`. */
function k8sClassOf(apiVersion: string, kind: string): string | undefined {
  const bindings = k8s as unknown as Record<string, { GVK?: { apiVersion: string; kind: string } }>;
  return Object.keys(bindings).find((name) => {
    const gvk = bindings[name].GVK;
    return gvk?.apiVersion === apiVersion && gvk.kind === kind;
  });
}

/** The object with `metadata.name` and `metadata.namespace` first, as people write them (Kustomize sorts keys). */
function readable(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { apiVersion, kind, metadata, ...rest } = manifest;
  if (!isPlainObject(metadata)) return { ...manifest };
  const { name, namespace, ...more } = metadata;
  return { apiVersion, kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }), ...more }, ...rest };
}

/** One object of the program: its statement, and why it is kept as written when it is. */
export interface ObjectStatement {
  readonly statement: Statement;
  /** Why the typed construct of its kind is not used. @default the typed construct is used */
  readonly kept?: string;
  /** The apiVersion written instead of the object's, which Flux no longer serves. @default the object's own */
  readonly upgraded?: string;
}

/**
 * The statement that makes `manifest` in `scope`: the typed construct for a Flux kind, the `k8s` binding for a
 * Kubernetes kind, an `ApiObject` for other custom resources, or an `ApiObject` holding the object as written (with a
 * comment saying why) when the typed construct cannot express it or `keep` gives a reason.
 */
export function objectStatement(
  original: Readonly<Record<string, unknown>>,
  scope: Expression,
  id: string,
  context: TypedContext,
  variable: string | undefined,
  keep: string | undefined,
): ObjectStatement {
  const kind = String(original.kind);
  const served = FLUX_GROUP.test(String(original.apiVersion)) ? SERVED.get(kind) : undefined;
  const upgraded = served !== undefined && served !== original.apiVersion ? served : undefined;
  // Flux serves one version of each kind: an object of an older one is written in the served version
  const manifest = readable(upgraded === undefined ? original : { ...original, apiVersion: upgraded });
  const apiVersion = String(manifest.apiVersion);
  const also = upgraded === undefined ? {} : { upgraded };
  const asWritten = (reason: string | undefined): ObjectStatement => ({
    statement: {
      variable,
      // a typed Flux construct's id is its name within its kind; an ApiObject's names its kind too
      expression: construct(
        symbol(ProgramModule.CDK8S, 'ApiObject'),
        scope,
        value(TYPED_ID.test(apiVersion) ? `${kind.toLowerCase()}-${id}` : id),
        value(manifest),
      ),
      ...(reason === undefined ? {} : { comment: [`kept as written: ${reason}`] }),
    },
    ...(reason === undefined ? {} : { kept: reason }),
    ...also,
  });
  if (keep !== undefined) return asWritten(keep);
  const isFlux = FLUX_GROUP.test(apiVersion);
  const importer = isFlux ? FLUX_IMPORTERS[kind] : undefined;
  if (importer !== undefined) {
    const typed = importer(manifest, id, context);
    if ('reason' in typed) return asWritten(typed.reason);
    return {
      statement: { variable, expression: construct(flux(typed.className), scope, value(id), typed.props) },
      ...also,
    };
  }
  if (isFlux) {
    return asWritten(
      SERVED.has(kind)
        ? `the import does not write ${kind} with its typed construct yet`
        : `cdk8s-flux has no typed construct for ${kind}`,
    );
  }
  const binding = k8sClassOf(apiVersion, kind);
  if (binding === undefined) return asWritten(undefined);
  const { apiVersion: _a, kind: _k, ...props } = manifest;
  return {
    statement: {
      variable,
      expression: construct(symbol(ProgramModule.CDK8S_PLUS, 'k8s', binding), scope, value(id), value(props)),
    },
  };
}
