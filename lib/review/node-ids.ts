/** Short id prefixes of the kinds drawn most, so ids stay readable; other kinds use their name in lower case. */
const PREFIXES: Readonly<Record<string, string>> = {
  Kustomization: 'ks',
  HelmRelease: 'hr',
  ResourceSet: 'rs',
  FluxInstance: 'fi',
  GitRepository: 'git',
  OCIRepository: 'oci',
  HelmRepository: 'helmrepo',
  HelmChart: 'chart',
  Bucket: 'bucket',
  ExternalArtifact: 'artifact',
};

/** `text` with every run of characters other than letters and digits made one `_`, and none at either end. */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** The preferred id of an object node: `ks_flux_system_apps` for Kustomization flux-system/apps. */
export function objectNodeId(kind: string, namespace: string | undefined, name: string): string {
  return [PREFIXES[kind] ?? kind.toLowerCase(), namespace, name]
    .filter((p) => p !== undefined)
    .map(slug)
    .join('_');
}

/** The preferred id of a folder node: `dir_apps_staging`, `dir_root` for the tree root. */
export function folderNodeId(folder: string): string {
  return folder === '' ? 'dir_root' : `dir_${slug(folder)}`;
}

/**
 * Final ids for nodes known by key: each gets its preferred id, and keys whose preferred ids collide (`a-b` and
 * `a_b`) get `_2`, `_3`... in the sorted order of their keys, so ids depend only on the keys.
 */
export function assignIds(preferred: ReadonlyMap<string, string>): Map<string, string> {
  const byId = new Map<string, string[]>();
  for (const [key, id] of preferred) byId.set(id, [...(byId.get(id) ?? []), key]);
  const out = new Map<string, string>();
  for (const [id, keys] of byId) {
    keys.sort().forEach((key, i) => out.set(key, i === 0 ? id : `${id}_${i + 1}`));
  }
  return out;
}
