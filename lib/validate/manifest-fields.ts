import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';

/** A non-empty string field of `obj`, or undefined. */
export function stringField(obj: unknown, key: string): string | undefined {
  if (!isPlainObject(obj)) return undefined;
  const v = obj[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The API group of an `apiVersion`: `""` for the core group (`v1`), `apps` for `apps/v1`. */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Who an object is: what Kubernetes identifies it by. */
export interface ObjectId {
  readonly group: string;
  readonly kind: string;
  /** `metadata.namespace`; undefined when the manifest leaves it out. */
  readonly namespace?: string;
  readonly name: string;
}

/** The identity of a manifest, or undefined when it has no kind or name. */
export function objectIdOf(manifest: Record<string, unknown>): ObjectId | undefined {
  const kind = stringField(manifest, 'kind');
  const name = stringField(manifest.metadata, 'name');
  if (kind === undefined || name === undefined) return undefined;
  const namespace = stringField(manifest.metadata, 'namespace');
  return { group: apiGroup(stringField(manifest, 'apiVersion') ?? ''), kind, name, namespace };
}

/** Where a record comes from, as an {@link Issue} carries it. */
export function whereOf(record: ManifestRecord): { constructPath?: string; file?: string } {
  return {
    ...(record.constructPath !== undefined ? { constructPath: record.constructPath } : {}),
    ...(record.file !== undefined ? { file: record.file } : {}),
  };
}

/** A record's place for a reader: `construct/path (file)`, whichever parts are known. */
export function placeOf(record: ManifestRecord): string {
  const parts = [record.constructPath, record.file === undefined ? undefined : `(${record.file})`];
  const text = parts.filter((p) => p !== undefined).join(' ');
  return text === '' ? (record.external ? 'an external declaration' : 'an unnamed place') : text;
}

/** `Kind/namespace/name`, or `Kind/name` without a namespace. */
export function formatId(id: { readonly kind: string; readonly namespace?: string; readonly name: string }): string {
  return id.namespace === undefined ? `${id.kind}/${id.name}` : `${id.kind}/${id.namespace}/${id.name}`;
}

/** `Kustomization/namespace/name` of a Flux Kustomization, in the namespace `default` when it names none. */
export function kustomizationId(kustomization: Record<string, unknown>): string {
  return formatId({
    kind: 'Kustomization',
    namespace: stringField(kustomization.metadata, 'namespace') ?? 'default',
    name: stringField(kustomization.metadata, 'name') ?? '',
  });
}
