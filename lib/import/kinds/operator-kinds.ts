import { FluxComponent } from '../../flux/flux-component';
import { DistributionVariant } from '../../flux/flux-distribution';
import { ClusterSize, ClusterType } from '../../flux/flux-instance-cluster';
import { SyncProvider } from '../../flux/flux-instance-source';
import { InputStrategy } from '../../flux/resource-set';
import { InputProviderType } from '../../flux/resource-set-input-provider';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, array, call, flux, object, optionsArgument, value } from '../expression';
import { start } from './source-kinds';
import {
  FieldReader,
  Importer,
  ReferenceLookup,
  commonMetadataProp,
  enumMember,
  secretProps,
  typedObject,
} from './typed-props';

const CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

/** `ResourceSetDependency.crd(...)`, `.on(variable)` for an object the program makes, or `.object({...})`. */
function dependencies(spec: FieldReader, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  const list = spec.take('dependsOn');
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return spec.fail('dependsOn', 'is not a list');
  const items: Expression[] = [];
  for (const [i, item] of list.entries()) {
    if (!isPlainObject(item)) return spec.fail(`dependsOn[${i}]`, 'is not an object');
    const d = new FieldReader(item, `spec.dependsOn[${i}]`);
    const [apiVersion, kind, name, ns] = ['apiVersion', 'kind', 'name', 'namespace'].map((f) => d.take(f));
    const extra = optionsArgument({ ready: d.boolean('ready'), readyExpr: d.string('readyExpr') });
    const problems = d.remaining();
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || problems.length) {
      return spec.fail(`dependsOn[${i}]`, problems.join('; ') || 'is not an { apiVersion, kind, name } reference');
    }
    const target = lookup(kind, typeof ns === 'string' ? ns : namespace, name);
    if (apiVersion === CRD.apiVersion && kind === CRD.kind && ns === undefined) {
      items.push(call(flux('ResourceSetDependency', 'crd'), value(name), ...extra));
    } else if (target !== undefined) {
      items.push(call(flux('ResourceSetDependency', 'on'), target, ...extra));
    } else {
      const ref = { apiVersion, kind, name, ...(typeof ns === 'string' ? { namespace: ns } : {}) };
      items.push(call(flux('ResourceSetDependency', 'object'), value(ref), ...extra));
    }
  }
  return array(items);
}

/** `ResourceSetInputs.from(provider)` for a provider the program makes, or `ResourceSetInputs.withLabels(...)`. */
function inputsFrom(spec: FieldReader, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  const list = spec.take('inputsFrom');
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return spec.fail('inputsFrom', 'is not a list');
  const items: Expression[] = [];
  for (const [i, item] of list.entries()) {
    const provider =
      isPlainObject(item) &&
      typeof item.name === 'string' &&
      Object.keys(item).every((k) => ['kind', 'name', 'apiVersion'].includes(k))
        ? lookup('ResourceSetInputProvider', namespace, item.name)
        : undefined;
    const selector = isPlainObject(item) && isPlainObject(item.selector) ? item.selector : undefined;
    if (provider !== undefined) items.push(call(flux('ResourceSetInputs', 'from'), provider));
    else if (
      selector !== undefined &&
      Object.keys(item as object).length === 1 &&
      isPlainObject(selector.matchLabels)
    ) {
      items.push(call(flux('ResourceSetInputs', 'withLabels'), value(selector.matchLabels)));
    } else return spec.fail(`inputsFrom[${i}]`, 'names no provider the import makes, nor labels only');
  }
  return array(items);
}

/** A ResourceSet of the Flux Operator, its dependencies and input providers as the program's objects. */
export const resourceSet: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const strategy = spec.nested('inputStrategy', (s) => ({
    inputStrategy: s.enum('name', 'InputStrategy', InputStrategy),
    includeEmptyProviders: s.boolean('includeEmptyProviders'),
  }));
  const props = {
    ...meta,
    resources: spec.json('resources'),
    resourcesTemplate: spec.string('resourcesTemplate'),
    steps: spec.json('steps'),
    inputs: spec.json('inputs'),
    inputsFrom: inputsFrom(spec, namespace, context.lookup),
    ...strategy,
    dependsOn: dependencies(spec, namespace, context.lookup),
    serviceAccountName: spec.string('serviceAccountName'),
    wait: spec.boolean('wait'),
    commonMetadata: commonMetadataProp(spec),
  };
  return typedObject('ResourceSet', props, [...problems, ...spec.remaining()]);
};

/** The factory of each label selector operator. */
const REQUIREMENT_FACTORIES: Readonly<Record<string, string>> = {
  In: 'in',
  NotIn: 'notIn',
  Exists: 'exists',
  DoesNotExist: 'doesNotExist',
};

/** `LabelRequirement.in(key, values)` and its siblings, from a `matchExpressions` entry. */
function labelRequirement(e: FieldReader): Expression | undefined {
  const key = e.string('key');
  const operator = e.take('operator');
  const values = e.take('values');
  const factory = typeof operator === 'string' ? REQUIREMENT_FACTORIES[operator] : undefined;
  if (key === undefined || factory === undefined) return e.fail('operator', 'is not a label selector operator');
  const withValues = factory === 'in' || factory === 'notIn';
  if (withValues !== Array.isArray(values)) return e.fail('values', `does not go with ${String(operator)}`);
  return call(flux('LabelRequirement', factory), key, ...(withValues ? [value(values)] : []));
}

/** The `selectors` of an ExternalArtifact provider. */
function artifactSelectors(spec: FieldReader): Expression | undefined {
  const list = spec.take('selectors');
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return spec.fail('selectors', 'is not a list');
  const items = list.map((s, i) => {
    if (!isPlainObject(s)) return spec.fail(`selectors[${i}]`, 'is not an object');
    const selector = new FieldReader(s, `spec.selectors[${i}]`);
    const expressions = selector.take('matchExpressions');
    const requirements = Array.isArray(expressions)
      ? expressions.map((e, j) =>
          isPlainObject(e)
            ? labelRequirement(new FieldReader(e, `spec.selectors[${i}].matchExpressions[${j}]`))
            : undefined,
        )
      : [];
    const props = object({
      name: selector.string('name'),
      namespace: selector.string('namespace'),
      matchLabels: selector.strings('matchLabels'),
      matchExpressions: expressions === undefined ? undefined : array(requirements as Expression[]),
    });
    const problems = selector.remaining();
    if (
      problems.length > 0 ||
      requirements.some((r) => r === undefined) ||
      (expressions !== undefined && !Array.isArray(expressions))
    ) {
      return spec.fail(`selectors[${i}]`, problems.join('; ') || 'has a label requirement the import cannot write');
    }
    return props;
  });
  return items.some((e) => e === undefined) ? undefined : array(items as Expression[]);
}

/** A ResourceSetInputProvider: its Secrets are the program's Secret objects. */
export const resourceSetInputProvider: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = {
    ...meta,
    type: spec.enum('type', 'InputProviderType', InputProviderType),
    url: spec.string('url'),
    defaultValues: spec.json('defaultValues'),
    filter: spec.json('filter'),
    skipLabels: spec.nested('skip', (s) => s.json('labels')),
    schedule: spec.json('schedule'),
    selectors: artifactSelectors(spec),
    ...secretProps('ResourceSetInputProvider', spec, namespace, context.lookup),
    serviceAccountName: spec.string('serviceAccountName'),
    insecure: spec.boolean('insecure'),
  };
  return typedObject('ResourceSetInputProvider', props, [...problems, ...spec.remaining()]);
};

/** A list of enum members, or a problem when one value is not a member. */
function members(
  reader: FieldReader,
  field: string,
  enumName: string,
  values: Readonly<Record<string, string>>,
): Expression | undefined {
  const list = reader.take(field);
  if (list === undefined) return undefined;
  const items = Array.isArray(list) ? list.map((v) => enumMember(enumName, values, v)) : [];
  if (!Array.isArray(list) || items.some((e) => e === undefined))
    return reader.fail(field, `is not a list of ${enumName}`);
  return array(items as Expression[]);
}

/** `FluxInstanceSource.git(...)`, `.oci(...)` or `.bucket(...)` of a FluxInstance's `spec.sync`. */
function syncSource(sync: FieldReader, secret: (name: string) => Expression): Expression | undefined {
  const kind = sync.take('kind');
  const url = sync.take('url');
  const ref = sync.take('ref');
  const pullSecret = sync.take('pullSecret');
  sync.take('path'); // the repository's flux/ folder, where the program writes the tree
  if (typeof url !== 'string' || typeof ref !== 'string') return sync.fail('', 'has no url and ref');
  const extra = optionsArgument({
    pullSecret: typeof pullSecret === 'string' ? secret(pullSecret) : undefined,
    provider: sync.enum('provider', 'SyncProvider', SyncProvider),
    ...(kind === 'GitRepository' ? { ref: value(ref) } : kind === 'OCIRepository' ? { tag: value(ref) } : {}),
  });
  if (kind === 'GitRepository') return call(flux('FluxInstanceSource', 'git'), value(url), ...extra);
  if (kind === 'OCIRepository') return call(flux('FluxInstanceSource', 'oci'), value(url), ...extra);
  if (kind === 'Bucket') return call(flux('FluxInstanceSource', 'bucket'), value(url), value(ref), ...extra);
  return sync.fail('kind', 'is not GitRepository, OCIRepository or Bucket');
}

/**
 * `Bootstrap.fluxOperator({...})` for the FluxInstance of a cluster run by the Flux Operator: its distribution,
 * components, cluster profile, patches, sharding and storage, and the source it syncs from (its path is the tree's).
 *
 * @param secret the variable of a Secret of the Flux namespace made outside the tree (a pull Secret)
 * @returns the expression and the sync's interval (a prop of the repository), or what cannot be expressed
 */
export function operatorBootstrap(
  instance: Readonly<Record<string, unknown>>,
  secret: (name: string) => Expression,
): { readonly bootstrap: Expression; readonly syncInterval?: Expression; readonly problems: readonly string[] } {
  const spec = new FieldReader(isPlainObject(instance.spec) ? instance.spec : {}, 'spec');
  let syncInterval: Expression | undefined;
  let syncName: unknown;
  const source = spec.nested('sync', (s) => {
    syncInterval = s.string('interval');
    syncName = s.take('name');
    return syncSource(s, secret);
  });
  const options = object({
    distribution: spec.nested('distribution', (d) =>
      object({
        version: d.string('version'),
        registry: d.string('registry'),
        artifact: d.string('artifact'),
        artifactPullSecret: d.string('artifactPullSecret'),
        imagePullSecret: d.string('imagePullSecret'),
        variant: d.enum('variant', 'DistributionVariant', DistributionVariant),
      }),
    ),
    components: members(spec, 'components', 'FluxComponent', FluxComponent),
    cluster: spec.nested('cluster', (c) =>
      object({
        type: c.enum('type', 'ClusterType', ClusterType),
        size: c.enum('size', 'ClusterSize', ClusterSize),
        domain: c.string('domain'),
        multitenant: c.boolean('multitenant'),
        tenantDefaultServiceAccount: c.string('tenantDefaultServiceAccount'),
        networkPolicy: c.boolean('networkPolicy'),
        objectLevelWorkloadIdentity: c.boolean('objectLevelWorkloadIdentity'),
        multitenantWorkloadIdentity: c.boolean('multitenantWorkloadIdentity'),
        tenantDefaultDecryptionServiceAccount: c.string('tenantDefaultDecryptionServiceAccount'),
        tenantDefaultKubeConfigServiceAccount: c.string('tenantDefaultKubeConfigServiceAccount'),
      }),
    ),
    patches: spec.nested('kustomize', (k) => k.json('patches')),
    sharding: spec.json('sharding'),
    storage: spec.nested('storage', (s) => object({ storageClass: s.string('class'), size: s.string('size') })),
    commonMetadata: commonMetadataProp(spec),
    wait: spec.boolean('wait'),
    migrateResources: spec.boolean('migrateResources'),
    source,
  });
  const problems = spec.remaining();
  if (syncName !== undefined && syncName !== 'flux-system') problems.push('spec.sync.name is not the Flux namespace');
  if (source === undefined) problems.push('spec.sync is missing: the cluster is not synced from this tree');
  return { bootstrap: call(flux('Bootstrap', 'fluxOperator'), options), syncInterval, problems };
}
