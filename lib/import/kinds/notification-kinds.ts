import { EventSeverity } from '../../flux/alert';
import { DigestReflectionPolicy } from '../../flux/image-policy';
import { OciProvider } from '../../flux/oci-repository';
import { SelectableKind } from '../../flux/object-selector';
import { ProviderType } from '../../flux/provider-type';
import { ReceiverType } from '../../flux/receiver';
import { TagOrder } from '../../flux/tag-policy';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, array, call, flux, object, value } from '../expression';
import { start } from './source-kinds';
import { FieldReader, Importer, ReferenceLookup, enumMember, typedObject } from './typed-props';

/** The Secret fields of the notification and image kinds whose props take the Secret object, by prop name. */
export const SECRET_PROPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Provider: { secretRef: 'secret', certSecretRef: 'certSecret', proxySecretRef: 'proxySecret' },
  Receiver: { secretRef: 'secret' },
  ImageRepository: { secretRef: 'secret', certSecretRef: 'certSecret', proxySecretRef: 'proxySecret' },
};

/** The namespace of an object as written, else the one its scope gives. */
function namespaceOf(manifest: Readonly<Record<string, unknown>>, fallback: string): string {
  return isPlainObject(manifest.metadata) && typeof manifest.metadata.namespace === 'string'
    ? manifest.metadata.namespace
    : fallback;
}

/** The props of a kind's Secret fields: the variable of each Secret, which the program declares. */
function secretProps(
  kind: string,
  spec: FieldReader,
  namespace: string,
  lookup: ReferenceLookup,
): Record<string, Expression | undefined> {
  const props: Record<string, Expression | undefined> = {};
  for (const [field, prop] of Object.entries(SECRET_PROPS[kind] ?? {})) {
    const ref = spec.take(field);
    if (ref === undefined) continue;
    const name = isPlainObject(ref) && Object.keys(ref).length === 1 ? ref.name : undefined;
    const secret = typeof name === 'string' ? lookup('Secret', namespace, name) : undefined;
    props[prop] = secret ?? spec.fail(field, 'names no Secret the program declares');
  }
  return props;
}

/** `ObjectSelector.all(kind, ...)` for `name: "*"`, or `ObjectSelector.of(variable)` of an object the program makes. */
function selector(item: unknown, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  if (!isPlainObject(item) || typeof item.kind !== 'string' || typeof item.name !== 'string') return undefined;
  const known = ['kind', 'name', 'namespace', 'matchLabels', 'apiVersion'];
  if (Object.keys(item).some((k) => !known.includes(k))) return undefined;
  const ns = typeof item.namespace === 'string' ? item.namespace : undefined;
  if (item.name === '*') {
    const kind = enumMember('SelectableKind', SelectableKind, item.kind);
    if (kind === undefined || item.apiVersion !== undefined) return undefined;
    const options = object({
      namespace: ns === undefined ? undefined : value(ns),
      matchLabels: isPlainObject(item.matchLabels) ? value(item.matchLabels) : undefined,
    });
    const extra = options.form === 'object' && options.fields.length > 0 ? [options] : [];
    return call(flux('ObjectSelector', 'all'), kind, ...extra);
  }
  if (item.matchLabels !== undefined) return undefined;
  const target = lookup(item.kind, ns ?? namespace, item.name);
  if (target === undefined) return undefined;
  const options = item.apiVersion === undefined ? [object({ withApiVersion: value(false) })] : [];
  return call(flux('ObjectSelector', 'of'), target, ...options);
}

/** A list of selectors, or a problem naming the first entry that is not one. */
function selectors(spec: FieldReader, field: string, namespace: string, lookup: ReferenceLookup) {
  const list = spec.take(field);
  if (!Array.isArray(list)) return spec.fail(field, 'is not a list');
  const items = list.map((item) => selector(item, namespace, lookup));
  const bad = items.findIndex((e) => e === undefined);
  if (bad >= 0) return spec.fail(`${field}[${bad}]`, 'selects no kind or object the program makes');
  return array(items as Expression[]);
}

const provider: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const namespace = namespaceOf(manifest, context.defaultNamespace);
  const props = {
    ...meta,
    type: spec.enum('type', 'ProviderType', ProviderType),
    address: spec.string('address'),
    channel: spec.string('channel'),
    username: spec.string('username'),
    proxy: spec.string('proxy'),
    commitStatusExpr: spec.string('commitStatusExpr'),
    serviceAccountName: spec.string('serviceAccountName'),
    timeout: spec.string('timeout'),
    interval: spec.string('interval'),
    suspend: spec.boolean('suspend'),
    ...secretProps('Provider', spec, namespace, context.lookup),
  };
  return typedObject('Provider', props, [...problems, ...spec.remaining()]);
};

const alert: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const namespace = namespaceOf(manifest, context.defaultNamespace);
  const ref = spec.take('providerRef');
  const target =
    isPlainObject(ref) && typeof ref.name === 'string' && Object.keys(ref).length === 1
      ? context.lookup('Provider', namespace, ref.name)
      : undefined;
  if (target === undefined) problems.push(`spec.providerRef names ${JSON.stringify(ref)}, which is not imported`);
  const props = {
    ...meta,
    provider: target,
    eventSources: selectors(spec, 'eventSources', namespace, context.lookup),
    eventSeverity: spec.enum('eventSeverity', 'EventSeverity', EventSeverity),
    exclusionList: spec.json('exclusionList'),
    inclusionList: spec.json('inclusionList'),
    eventMetadata: spec.strings('eventMetadata'),
    summary: spec.string('summary'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('Alert', props, [...problems, ...spec.remaining()]);
};

const receiver: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const namespace = namespaceOf(manifest, context.defaultNamespace);
  const props = {
    ...meta,
    type: spec.enum('type', 'ReceiverType', ReceiverType),
    resources: selectors(spec, 'resources', namespace, context.lookup),
    events: spec.json('events'),
    resourceFilter: spec.string('resourceFilter'),
    oidcProviders: spec.json('oidcProviders'),
    interval: spec.string('interval'),
    suspend: spec.boolean('suspend'),
    ...secretProps('Receiver', spec, namespace, context.lookup),
  };
  return typedObject('Receiver', props, [...problems, ...spec.remaining()]);
};

const imageRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const namespace = namespaceOf(manifest, context.defaultNamespace);
  const accessFrom = spec.take('accessFrom');
  const selectorsOf =
    isPlainObject(accessFrom) && Array.isArray(accessFrom.namespaceSelectors) ? accessFrom : undefined;
  if (accessFrom !== undefined && selectorsOf === undefined) problems.push('spec.accessFrom has no namespaceSelectors');
  const props = {
    ...meta,
    image: spec.string('image'),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    serviceAccountName: spec.string('serviceAccountName'),
    provider: spec.enum('provider', 'OciProvider', OciProvider),
    insecure: spec.boolean('insecure'),
    exclusionList: spec.json('exclusionList'),
    accessFrom:
      selectorsOf === undefined
        ? undefined
        : value(
            (selectorsOf.namespaceSelectors as unknown[]).map((s) => (isPlainObject(s) ? (s.matchLabels ?? {}) : {})),
          ),
    suspend: spec.boolean('suspend'),
    ...secretProps('ImageRepository', spec, namespace, context.lookup),
  };
  return typedObject('ImageRepository', props, [...problems, ...spec.remaining()]);
};

/** `TagPolicy.semver(range)`, `.alphabetical(order)` or `.numerical(order)`. */
function tagPolicy(policy: FieldReader): Expression | undefined {
  const semver = policy.nested('semver', (s) => s.take('range'));
  if (typeof semver === 'string') return call(flux('TagPolicy', 'semver'), value(semver));
  for (const [field, factory] of [
    ['alphabetical', 'alphabetical'],
    ['numerical', 'numerical'],
  ] as const) {
    const order = policy.nested(field, (o) => o.enum('order', 'TagOrder', TagOrder) ?? null);
    if (order !== undefined) return call(flux('TagPolicy', factory), ...(order === null ? [] : [order]));
  }
  return policy.fail('', 'is not one semver, alphabetical or numerical policy');
}

const imagePolicy: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const namespace = namespaceOf(manifest, context.defaultNamespace);
  const ref = spec.take('imageRepositoryRef');
  const target =
    isPlainObject(ref) && typeof ref.name === 'string'
      ? context.lookup('ImageRepository', typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name)
      : undefined;
  if (target === undefined)
    problems.push(`spec.imageRepositoryRef names ${JSON.stringify(ref)}, which is not imported`);
  const props = {
    ...meta,
    imageRepository: target,
    policy: spec.nested('policy', tagPolicy),
    filterTags: spec.nested('filterTags', (f) =>
      object({ pattern: f.string('pattern'), extract: f.string('extract') }),
    ),
    digestReflectionPolicy: spec.enum('digestReflectionPolicy', 'DigestReflectionPolicy', DigestReflectionPolicy),
    interval: spec.string('interval'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('ImagePolicy', props, [...problems, ...spec.remaining()]);
};

/** The importers of the notification and image kinds, by kind. */
export const NOTIFICATION_IMPORTERS: Readonly<Record<string, Importer>> = {
  Provider: provider,
  Alert: alert,
  Receiver: receiver,
  ImageRepository: imageRepository,
  ImagePolicy: imagePolicy,
};
