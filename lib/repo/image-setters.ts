import { isMap, isScalar, parseAllDocuments } from 'yaml';
import { Issue } from '../errors';
import { ImageSetter, ImageSetterValue } from '../flux/image-setter';
import { FieldComment, FolderContents, ObjectEntry, isWholeFile } from '../render/folder-contents';
import { ManifestRecord } from '../validate/record';

type FieldPath = readonly (string | number)[];

/** A field holding an {@link ImageSetter}, found in an object. */
interface FoundSetter {
  readonly path: FieldPath;
  readonly setter: ImageSetterValue;
}

/** The folders and records of a tree with every image setter replaced by its value, and the misused setters. */
export interface ResolvedSetters {
  readonly folders: readonly FolderContents[];
  readonly records: readonly ManifestRecord[];
  readonly issues: readonly Issue[];
}

function findSetters(value: unknown, path: FieldPath, found: FoundSetter[], embedded: FieldPath[]): void {
  if (typeof value === 'string') {
    const setter = ImageSetter.decode(value);
    if (setter === 'embedded') embedded.push(path);
    else if (setter !== undefined) found.push({ path, setter });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findSetters(item, [...path, i], found, embedded));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) findSetters(item, [...path, key], found, embedded);
  }
}

/** `value` with the field at `path` set to `field`, copying only the containers along the path. */
function withField(value: unknown, path: FieldPath, field: string): unknown {
  if (path.length === 0) return field;
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((item: unknown, i) => (i === key ? withField(item, rest, field) : item));
  const object = value as Record<string, unknown>;
  return { ...object, [key]: withField(object[key], rest, field) };
}

function identity(manifest: unknown): string {
  const object = (manifest ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  return JSON.stringify([object.kind, object.metadata?.name, object.metadata?.namespace ?? null]);
}

/** The marker a field's comment carries (`{"$imagepolicy": "ns:name"}`), if it is one. */
function markerOf(comment: string | null | undefined): string | undefined {
  try {
    const parsed = JSON.parse(comment ?? '') as Record<string, unknown>;
    return typeof parsed.$imagepolicy === 'string' ? parsed.$imagepolicy : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value image automation left in the previous file at `path` of the same object, when the field still carries
 * the same marker; the file's other content does not matter.
 */
function previousValues(previous: string | undefined, manifest: unknown, setters: readonly FoundSetter[]): string[] {
  const fallback = setters.map((s) => s.setter.initial);
  if (previous === undefined) return fallback;
  const want = identity(manifest);
  for (const doc of parseAllDocuments(previous)) {
    if (!('errors' in doc) || doc.errors.length > 0 || !isMap(doc.contents)) continue;
    if (identity(doc.toJS()) !== want) continue;
    return setters.map(({ path, setter }) => {
      const node = doc.getIn(path, true);
      const kept = isScalar(node) && typeof node.value === 'string' && markerOf(node.comment) === setter.marker;
      return kept ? (node.value as string) : setter.initial;
    });
  }
  return fallback;
}

/**
 * Replaces each {@link ImageSetter} of the tree's objects with its value: the one image automation committed to the
 * previous synth's file (read back at the same field of the same object, while the marker is there), else the setter's
 * initial value; the field gets the marker comment the automation looks for. A setter that is only part of a value is
 * an issue: the automation replaces whole values.
 *
 * @param read the text of a file of the previous tree (path relative to the output root), if it exists
 */
export function resolveImageSetters(
  folders: readonly FolderContents[],
  records: readonly ManifestRecord[],
  read: (path: string) => string | undefined,
): ResolvedSetters {
  const issues: Issue[] = [];
  const replaced = new Map<unknown, Record<string, unknown>>();
  const resolveEntry = (folder: FolderContents, entry: ObjectEntry): ObjectEntry => {
    const found: FoundSetter[] = [];
    const embedded: FieldPath[] = [];
    findSetters(entry.manifest, [], found, embedded);
    for (const path of embedded) {
      issues.push({
        constructPath: entry.constructPath,
        field: path.join('.'),
        message: 'holds an ImageSetter inside a longer value; image automation can only replace a whole value',
        fix: 'make the setter the whole value: ImageSetter.image() for repository:tag, ImageSetter.tag() or ImageSetter.imageName() for a part',
      });
    }
    if (found.length === 0) return entry;
    const values = previousValues(read(`${folder.folderPath}/${entry.file.fileName}`), entry.manifest, found);
    let manifest: unknown = entry.manifest;
    found.forEach(({ path }, i) => (manifest = withField(manifest, path, values[i])));
    const fieldComments: FieldComment[] = found.map(({ path, setter }) => ({
      path,
      comment: ImageSetter.comment(setter.marker),
    }));
    replaced.set(entry.manifest, manifest as Record<string, unknown>);
    return { ...entry, manifest: manifest as Record<string, unknown>, fieldComments };
  };
  const resolvedFolders = folders.map((folder) => ({
    ...folder,
    entries: folder.entries.map((e) => (isWholeFile(e) ? e : resolveEntry(folder, e))),
  }));
  return {
    folders: resolvedFolders,
    records: records.map((r) => {
      const manifest = replaced.get(r.manifest);
      return manifest === undefined ? r : { ...r, manifest };
    }),
    issues,
  };
}
