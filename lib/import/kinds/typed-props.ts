import { ChartReconcileStrategy } from '../../flux/helm-chart-source';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, array, call, flux, object, value } from '../expression';

/** How the program refers to an object of its cluster, when it declares it. */
export type ReferenceLookup = (kind: string, namespace: string, name: string) => Expression | undefined;

/** What a kind's importer knows of the place of the object in the program. */
export interface TypedContext {
  /** Finds the variable of an object the program declares. */
  readonly lookup: ReferenceLookup;
  /** The namespace Flux objects made in the object's scope get when they set none. */
  readonly defaultNamespace: string;
}

/** The construct and props an object is made with, or why it cannot be. */
export type TypedObject = { readonly className: string; readonly props: Expression } | { readonly reason: string };

/** Makes the construct call of one object of a kind, given its construct id. */
export type Importer = (manifest: Readonly<Record<string, unknown>>, id: string, context: TypedContext) => TypedObject;

/** A string enum member expression for `v`, or undefined when `members` has no such value. */
export function enumMember(
  enumName: string,
  members: Readonly<Record<string, string>>,
  v: unknown,
): Expression | undefined {
  const found = Object.entries(members).find(([, m]) => m === v);
  return found === undefined ? undefined : flux(enumName, found[0]);
}

/**
 * Reads the fields of one object, remembering which were used, so that an importer can tell the fields its
 * construct has no prop for: the object is then kept as written instead.
 */
export class FieldReader {
  private readonly used = new Set<string>();
  private readonly problems: string[] = [];

  constructor(
    private readonly fields: Readonly<Record<string, unknown>>,
    private readonly where: string,
  ) {}

  /** The value of `name`, marked as used. */
  public take(name: string): unknown {
    this.used.add(name);
    return this.fields[name];
  }

  /** A string field as a literal. */
  public string(name: string): Expression | undefined {
    const v = this.take(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.fail(name, 'is not a string');
    return value(v);
  }

  /** A boolean field as a literal. */
  public boolean(name: string): Expression | undefined {
    const v = this.take(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') return this.fail(name, 'is not a boolean');
    return value(v);
  }

  /** A number field as a literal. */
  public number(name: string): Expression | undefined {
    const v = this.take(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'number') return this.fail(name, 'is not a number');
    return value(v);
  }

  /** A map of strings (labels, annotations, variables) as a literal. */
  public strings(name: string): Expression | undefined {
    const v = this.take(name);
    if (v === undefined) return undefined;
    if (!isPlainObject(v) || !Object.values(v).every((x) => typeof x === 'string')) {
      return this.fail(name, 'is not a map of strings');
    }
    return value(v);
  }

  /** Any JSON value (Helm values) as a literal. */
  public json(name: string): Expression | undefined {
    const v = this.take(name);
    return v === undefined ? undefined : value(v);
  }

  /** A string enum field as an enum member. */
  public enum(name: string, enumName: string, members: Readonly<Record<string, string>>): Expression | undefined {
    const v = this.take(name);
    if (v === undefined) return undefined;
    return enumMember(enumName, members, v) ?? this.fail(name, `is ${JSON.stringify(v)}, not a ${enumName}`);
  }

  /** A nested object, read with a reader of its own whose problems become this one's. */
  public nested<T>(name: string, read: (reader: FieldReader) => T): T | undefined {
    const v = this.take(name);
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) {
      this.fail(name, 'is not an object');
      return undefined;
    }
    const inner = new FieldReader(v, `${this.where}.${name}`);
    const out = read(inner);
    this.problems.push(...inner.remaining());
    return out;
  }

  /** Records that `name` cannot be expressed, and returns nothing for it. */
  public fail(name: string, why: string): undefined {
    this.problems.push(`${this.where}.${name} ${why}`);
    return undefined;
  }

  /** The problems found, and one per field no importer read. */
  public remaining(): string[] {
    const unread = Object.keys(this.fields)
      .filter((k) => !this.used.has(k))
      .map((k) => `${this.where}.${k} has no prop in the typed construct`);
    return [...this.problems, ...unread];
  }
}

/**
 * The props every Flux construct shares, from `metadata`: `namespace` only when the scope does not give it already,
 * `name` only when it differs from the construct id.
 */
export function metadataProps(
  metadata: Readonly<Record<string, unknown>>,
  id: string,
  context: TypedContext,
  problems: string[],
): Record<string, Expression | undefined> {
  const reader = new FieldReader(metadata, 'metadata');
  const name = reader.take('name');
  const namespace = reader.take('namespace');
  const props = {
    name: name === id ? undefined : reader.string('name'),
    namespace: namespace === context.defaultNamespace ? undefined : reader.string('namespace'),
    labels: reader.strings('labels'),
    annotations: reader.strings('annotations'),
  };
  problems.push(...reader.remaining());
  return props;
}

/** The typed object made from `props`, or the reasons it cannot be. */
export function typedObject(
  className: string,
  props: Readonly<Record<string, Expression | undefined>>,
  problems: readonly string[],
): TypedObject {
  return problems.length > 0 ? { reason: problems.join('; ') } : { className, props: object(props) };
}

/** Expressions for references, or undefined (with a problem) when one of them is not declared. */
export function references(
  reader: FieldReader,
  field: string,
  kind: string,
  namespace: string,
  lookup: ReferenceLookup,
): Expression | undefined {
  const v = reader.take(field);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return reader.fail(field, 'is not a list');
  const items: Expression[] = [];
  for (const item of v) {
    const name = isPlainObject(item) ? item.name : undefined;
    const ns = isPlainObject(item) && typeof item.namespace === 'string' ? item.namespace : namespace;
    const target = typeof name === 'string' ? lookup(kind, ns, name) : undefined;
    if (target === undefined) return reader.fail(field, `names ${kind} ${ns}/${String(name)}, which is not imported`);
    items.push(target);
  }
  return array(items);
}

/** `KubeConfig.fromSecret(secret, { key })` of a `spec.kubeConfig`, the Secret being the variable that declares it. */
export function kubeConfig(reader: FieldReader, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  return reader.nested('kubeConfig', (k) => {
    const ref = k.take('secretRef');
    if (
      !isPlainObject(ref) ||
      typeof ref.name !== 'string' ||
      !Object.keys(ref).every((f) => f === 'name' || f === 'key')
    ) {
      return k.fail('secretRef', 'is not a { name, key } Secret reference');
    }
    const secret = lookup('Secret', namespace, ref.name);
    if (secret === undefined)
      return k.fail('secretRef', `names Secret ${namespace}/${ref.name}, which is not declared`);
    const options = typeof ref.key === 'string' ? [object({ key: value(ref.key) })] : [];
    return call(flux('KubeConfig', 'fromSecret'), secret, ...options);
  });
}

/** The Secret fields of each kind (as the YAML names it) whose props take the Secret object, by prop name. */
export const SECRET_PROPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Bucket: { secretRef: 'secret', certSecretRef: 'certSecret', proxySecretRef: 'proxySecret' },
  GitRepository: { secretRef: 'secret', proxySecretRef: 'proxySecret' },
  HelmRepository: { secretRef: 'secret', certSecretRef: 'certSecret' },
  OCIRepository: { secretRef: 'secret', certSecretRef: 'certSecret', proxySecretRef: 'proxySecret' },
  Provider: { secretRef: 'secret', certSecretRef: 'certSecret', proxySecretRef: 'proxySecret' },
  Receiver: { secretRef: 'secret' },
  ResourceSetInputProvider: { secretRef: 'secret', certSecretRef: 'certSecret' },
  ImageRepository: { secretRef: 'secret', certSecretRef: 'certSecret', proxySecretRef: 'proxySecret' },
};

/** The chart options of a HelmRelease's chart template and of a HelmChart (`ChartOptions` but the interval). */
export function chartOptionProps(spec: FieldReader): Record<string, Expression | undefined> {
  return {
    version: spec.string('version'),
    valuesFiles: spec.json('valuesFiles'),
    reconcileStrategy: spec.enum('reconcileStrategy', 'ChartReconcileStrategy', ChartReconcileStrategy),
    ignoreMissingValuesFiles: spec.boolean('ignoreMissingValuesFiles'),
  };
}

/** `spec.commonMetadata` as the `commonMetadata` prop (a `CommonMetadata`) of the kinds that have it. */
export function commonMetadataProp(spec: FieldReader): Expression | undefined {
  return spec.nested('commonMetadata', (m) =>
    object({ labels: m.strings('labels'), annotations: m.strings('annotations') }),
  );
}

/** The namespace of an object as written, else the one its scope gives. */
export function namespaceOf(manifest: Readonly<Record<string, unknown>>, fallback: string): string {
  return isPlainObject(manifest.metadata) && typeof manifest.metadata.namespace === 'string'
    ? manifest.metadata.namespace
    : fallback;
}

/** The props of a kind's Secret fields: the variable of each Secret, which the program declares. */
export function secretProps(
  kind: string,
  spec: FieldReader,
  namespace: string,
  lookup: ReferenceLookup,
): Record<string, Expression | undefined> {
  return secretFieldProps(SECRET_PROPS[kind] ?? {}, spec, namespace, lookup);
}

/** The props of the Secret `fields` (field name to prop name) of one object or nested object, as {@link secretProps}. */
export function secretFieldProps(
  fields: Readonly<Record<string, string>>,
  spec: FieldReader,
  namespace: string,
  lookup: ReferenceLookup,
): Record<string, Expression | undefined> {
  const props: Record<string, Expression | undefined> = {};
  for (const [field, prop] of Object.entries(fields)) {
    const ref = spec.take(field);
    if (ref === undefined) continue;
    const name = isPlainObject(ref) && Object.keys(ref).length === 1 ? ref.name : undefined;
    const secret = typeof name === 'string' ? lookup('Secret', namespace, name) : undefined;
    props[prop] = secret ?? spec.fail(field, 'names no Secret the program declares');
  }
  return props;
}
