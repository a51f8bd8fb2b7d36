import { EventSeverity } from '../../flux/alert';
import { SelectableKind } from '../../flux/object-selector';
import { ProviderType } from '../../flux/provider-type';
import { ReceiverType } from '../../flux/receiver';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, array, call, flux, optionsArgument, value } from '../expression';
import { start } from './source-kinds';
import { FieldReader, Importer, ReferenceLookup, enumMember, secretProps, typedObject } from './typed-props';

/** `ObjectSelector.all(kind, ...)` for `name: "*"`, or `ObjectSelector.of(variable)` of an object the program makes. */
function selector(item: unknown, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  if (!isPlainObject(item) || typeof item.kind !== 'string' || typeof item.name !== 'string') return undefined;
  const known = ['kind', 'name', 'namespace', 'matchLabels', 'apiVersion'];
  if (Object.keys(item).some((k) => !known.includes(k))) return undefined;
  const ns = typeof item.namespace === 'string' ? item.namespace : undefined;
  if (item.name === '*') {
    const kind = enumMember('SelectableKind', SelectableKind, item.kind);
    if (kind === undefined || item.apiVersion !== undefined) return undefined;
    const options = optionsArgument({
      namespace: ns === undefined ? undefined : value(ns),
      matchLabels: isPlainObject(item.matchLabels) ? value(item.matchLabels) : undefined,
    });
    return call(flux('ObjectSelector', 'all'), kind, ...options);
  }
  if (item.matchLabels !== undefined) return undefined;
  const target = lookup(item.kind, ns ?? namespace, item.name);
  if (target === undefined) return undefined;
  const options = optionsArgument({ withApiVersion: item.apiVersion === undefined ? value(false) : undefined });
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
  const { problems, meta, spec, namespace } = start(manifest, id, context);
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
  const { problems, meta, spec, namespace } = start(manifest, id, context);
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
  const { problems, meta, spec, namespace } = start(manifest, id, context);
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

/** The importers of the notification kinds, by kind. */
export const NOTIFICATION_IMPORTERS: Readonly<Record<string, Importer>> = {
  Provider: provider,
  Alert: alert,
  Receiver: receiver,
};
