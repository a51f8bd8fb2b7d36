import { FolderEntry, ObjectEntry, isWholeFile } from './folder-contents';

function namespaceOf(entry: ObjectEntry): string | undefined {
  const metadata = entry.manifest.metadata as { namespace?: unknown } | undefined;
  return typeof metadata?.namespace === 'string' ? metadata.namespace : undefined;
}

/**
 * The entries of one folder, each object whose file is named after its kind and name
 * ({@link ObjectFile.forObject}) written to `<kind>-<namespace>-<name>.yaml` instead when another such object of the
 * folder has the same kind and name in another namespace: a Secret `app` in `a` and one in `b` get
 * `secret-a-app.yaml` and `secret-b-app.yaml`. Objects alone with their name keep the short name, so a folder's
 * file names change only when a second namespace appears.
 */
export function withDistinctFileNames(entries: readonly FolderEntry[]): FolderEntry[] {
  const namespaces = new Map<string, Set<string | undefined>>();
  for (const entry of entries) {
    if (isWholeFile(entry) || !entry.file.namedAfterObject) continue;
    const seen = namespaces.get(entry.file.fileName) ?? new Set();
    namespaces.set(entry.file.fileName, seen.add(namespaceOf(entry)));
  }
  return entries.map((entry) => {
    if (isWholeFile(entry) || !entry.file.namedAfterObject) return entry;
    const namespace = namespaceOf(entry);
    const several = (namespaces.get(entry.file.fileName)?.size ?? 0) > 1;
    return several && namespace !== undefined ? { ...entry, file: entry.file.inNamespace(namespace) } : entry;
  });
}
