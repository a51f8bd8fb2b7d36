import { Issue, quote } from '../errors';
import { ValidationContext } from './validation-context';
import { didYouMean } from '../sops/base/did-you-mean';
import { impliedObjects } from './implied-objects';
import { ObjectId, apiGroup, formatId, objectIdOf, stringField, whereOf } from './manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';
import { REFERENCE_FIELDS, ReferenceField, valuesAt } from './reference-fields';

/** Flux kinds whose class has a `fromName` factory for objects made outside the app. */
const FROM_NAME_KINDS: ReadonlySet<string> = new Set([
  'GitRepository',
  'HelmRepository',
  'OCIRepository',
  'Kustomization',
  'HelmRelease',
]);

/** The apiVersion to write in an ExternalObject declaration of `kind`. */
const API_VERSIONS: Readonly<Record<string, string>> = {
  Secret: 'v1',
  ConfigMap: 'v1',
  Bucket: 'source.toolkit.fluxcd.io/v1',
  HelmChart: 'source.toolkit.fluxcd.io/v1',
  ExternalArtifact: 'source.toolkit.fluxcd.io/v1',
  ArtifactGenerator: 'source.extensions.fluxcd.io/v1beta1',
  Provider: 'notification.toolkit.fluxcd.io/v1beta3',
  Alert: 'notification.toolkit.fluxcd.io/v1beta3',
  Receiver: 'notification.toolkit.fluxcd.io/v1',
  ImageRepository: 'image.toolkit.fluxcd.io/v1',
  ImagePolicy: 'image.toolkit.fluxcd.io/v1',
  ImageUpdateAutomation: 'image.toolkit.fluxcd.io/v1',
};

interface Target {
  readonly id: ObjectId;
  readonly record: ManifestRecord;
}

/** The targets of a check, every one and by kind and name, so that resolving a reference is one lookup. */
interface Targets {
  readonly all: readonly Target[];
  readonly byKindAndName: ReadonlyMap<string, readonly Target[]>;
}

const kindAndName = (kind: string, name: string) => `${kind}/${name}`;

function indexTargets(records: readonly ManifestRecord[]): Targets {
  const all: Target[] = [];
  const byKindAndName = new Map<string, Target[]>();
  for (const record of [...records, ...impliedObjects(records)]) {
    const id = objectIdOf(record.manifest);
    if (id === undefined) continue;
    const target = { id, record };
    all.push(target);
    const key = kindAndName(id.kind, id.name);
    const same = byKindAndName.get(key);
    if (same === undefined) byKindAndName.set(key, [target]);
    else same.push(target);
  }
  return { all, byKindAndName };
}

/** What a reference names once Flux's defaults are applied. */
interface Wanted {
  readonly kind: string;
  readonly name: string;
  /** Undefined when neither the reference nor the referrer says (a hand-written object without a namespace). */
  readonly namespace?: string;
  readonly group?: string;
}

/** How to declare `wanted` as made outside the app or tree. */
function externalHint(wanted: Wanted, origin: 'app' | 'tree'): string {
  const { kind, name, namespace } = wanted;
  if (origin === 'tree') return `pass --external ${formatId(wanted)} if it is made outside this tree`;
  const ns = namespace === undefined ? '' : `, namespace: ${quote(namespace)}`;
  if (FROM_NAME_KINDS.has(kind)) {
    return `declare it external with ${kind}.fromName(scope, id, ${quote(name)}${ns === '' ? '' : `, { ${ns.slice(2)} }`})`;
  }
  const apiVersion = API_VERSIONS[kind] ?? '<group/version>';
  return `declare it external with new ExternalObject(scope, id, { apiVersion: ${quote(apiVersion)}, kind: ${quote(kind)}, name: ${quote(name)}${ns} })`;
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Why nothing matched and what the user probably meant, from the objects that nearly match. */
function nearMisses(wanted: Wanted, targets: readonly Target[], field: ReferenceField): string[] {
  const hints: string[] = [];
  const sameName = targets.filter((t) => t.id.name === wanted.name);
  const otherNamespace = sameName.find(
    (t) => t.id.kind === wanted.kind && !sameNamespace(t.id.namespace, wanted.namespace),
  );
  if (otherNamespace?.id.namespace !== undefined) {
    const there = quote(otherNamespace.id.namespace);
    hints.push(
      field.local
        ? `note that the one in namespace ${there} cannot be used: ${field.path.replace(/\[\]/g, '')} only reads the referrer's own namespace`
        : `set namespace: ${there} if you mean the one there`,
    );
  }
  const otherKind = sameName.find(
    (t) =>
      t.id.kind !== wanted.kind && field.targets.includes(t.id.kind) && sameNamespace(t.id.namespace, wanted.namespace),
  );
  if (otherKind !== undefined) hints.push(`set kind: ${quote(otherKind.id.kind)} if you mean the ${otherKind.id.kind}`);
  const names = targets
    .filter((t) => t.id.kind === wanted.kind && sameNamespace(t.id.namespace, wanted.namespace))
    .map((t) => t.id.name);
  const close = didYouMean(wanted.name, names);
  return [close === undefined ? 'fix the name' : `fix the name (did you mean ${quote(close)}?)`, ...hints];
}

/** What the reference `found` of `referrer` names, when it is one the check resolves. */
function wantedOf(
  referrer: ManifestRecord,
  field: ReferenceField,
  found: { field: string; value: unknown },
): Wanted | undefined {
  const ref = found.value;
  const name = stringField(ref, 'name');
  if (!isPlainObject(ref) || name === undefined) return undefined; // a reference without a name is the schema's problem
  const kind = stringField(ref, 'kind') ?? (field.targets.length === 1 ? field.targets[0] : undefined);
  if (kind === undefined) return undefined;
  // A kind the field does not accept is reported by the CRD schema check (every typed reference has a kind enum).
  if (!field.targets.includes(kind)) return undefined;
  if ((field.wildcard && name === '*') || ref.optional === true) return undefined;
  const own = stringField(referrer.manifest.metadata, 'namespace');
  const namespace = field.local ? own : (stringField(ref, 'namespace') ?? own);
  const apiVersion = stringField(ref, 'apiVersion');
  return { kind, name, namespace, group: apiVersion === undefined ? undefined : apiGroup(apiVersion) };
}

function resolves(wanted: Wanted, targets: Targets): boolean {
  return (targets.byKindAndName.get(kindAndName(wanted.kind, wanted.name)) ?? []).some(
    (t) =>
      sameNamespace(t.id.namespace, wanted.namespace) &&
      (wanted.group === undefined || t.record.external === true || t.id.group === wanted.group),
  );
}

/** Every reference of `records` with what it names, for the checks below. */
function* referencesOf(records: readonly ManifestRecord[]) {
  for (const record of records) {
    if (record.external) continue;
    const m = record.manifest;
    const group = apiGroup(stringField(m, 'apiVersion') ?? '');
    for (const field of REFERENCE_FIELDS) {
      if (field.kind !== m.kind || field.group !== group) continue;
      for (const found of valuesAt(m, field.path)) {
        const wanted = wantedOf(record, field, found);
        if (wanted !== undefined) yield { record, field, found, wanted };
      }
    }
  }
}

/**
 * The objects `records` refer to that are not among them (nor made by Flux from them): what a program built from a
 * tree must declare as made outside it.
 */
export function unresolvedReferences(
  records: readonly ManifestRecord[],
): { readonly kind: string; readonly name: string; readonly namespace?: string }[] {
  const targets = indexTargets(records);
  const seen = new Map<string, Wanted>();
  for (const { wanted } of referencesOf(records)) {
    if (!resolves(wanted, targets)) seen.set(formatId(wanted), wanted);
  }
  return [...seen.values()].map(({ kind, name, namespace }) => ({ kind, name, namespace }));
}

/**
 * The references check: every `sourceRef`, `chartRef`, `dependsOn`, `secretRef`, `valuesFrom`, `providerRef`... of
 * the {@link REFERENCE_FIELDS} table resolves to an object of an allowed kind among the records (objects made in the
 * app, objects declared external on purpose, and objects Flux makes from them, see {@link impliedObjects}).
 *
 * A reference without `namespace` means the referrer's namespace; a `valuesFrom`/`substituteFrom` entry with
 * `optional: true` may point to nothing; `name: "*"` in notification references means every object of the kind.
 */
export function checkReferences(records: readonly ManifestRecord[], context: ValidationContext = {}): Issue[] {
  const origin = context.origin ?? 'app';
  const targets = indexTargets(records);
  const issues: Issue[] = [];
  for (const { record, field, found, wanted } of referencesOf(records)) {
    if (resolves(wanted, targets)) continue;
    const place = origin === 'app' ? 'the app' : 'the tree';
    issues.push({
      ...whereOf(record),
      field: found.field,
      value: formatId(wanted),
      message: `does not resolve to any object in ${place}`,
      fix: ['create it', ...nearMisses(wanted, targets.all, field), `or ${externalHint(wanted, origin)}`].join(', '),
    });
  }
  return issues;
}
