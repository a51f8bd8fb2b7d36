import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Issue } from '../errors';
import { ExternalObject } from '../flux/external-object';
import { FolderContents, FolderEntry, ObjectEntry, fileNameOf, isWholeFile } from '../render/folder-contents';
import { withDistinctFileNames } from '../render/distinct-file-names';
import { isTreeFile } from '../render/tree-file';
import { canonicalObject } from '../render/yaml';
import { ManifestRecord } from '../validate/record';
import { isClusterScoped } from '../validate/kinds';
import { plaintextSecretReason } from '../validate/secret-guard';
import { FolderFile } from './folder-file';
import { TreeFolder } from './tree-folder';

/** What the constructs of an app hold, as plain data for rendering and validation. */
export interface CollectedTree {
  /** Every folder of the tree, in the order the folders were made. */
  readonly folders: readonly FolderContents[];
  /** Every object (and external declaration) of the app, with the construct path that made it. */
  readonly records: readonly ManifestRecord[];
  /** Constructs that belong to no folder, and folders that share a path. */
  readonly issues: readonly Issue[];
}

/** The tree root of the repository `c` belongs to: its folder's, or its repository's (duck-typed `rootPath`). */
function clusterOf(c: IConstruct): string | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (TreeFolder.isTreeFolder(s)) return s.treeRoot;
    const root = (s as { rootPath?: unknown }).rootPath;
    if (typeof root === 'string') return root;
  }
  return undefined;
}

function externalRecord(c: IConstruct & Pick<ExternalObject, 'ref'>): ManifestRecord {
  const cluster = clusterOf(c);
  return {
    manifest: {
      apiVersion: c.ref.apiVersion,
      kind: c.ref.kind,
      metadata: { name: c.ref.name, namespace: c.ref.namespace },
    },
    constructPath: c.node.path,
    external: true,
    ...(cluster === undefined ? {} : { cluster }),
  };
}

/** `manifest` with the folder's object namespace, when it is namespaced, sets none, and the folder gives one. */
function inFolderNamespace(manifest: Record<string, unknown>, folder: TreeFolder): Record<string, unknown> {
  const metadata = (manifest.metadata ?? {}) as Record<string, unknown>;
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
  if (folder.objectNamespace === undefined || metadata.namespace !== undefined || isClusterScoped(kind))
    return manifest;
  return canonicalObject({ ...manifest, metadata: { ...metadata, namespace: folder.objectNamespace } });
}

/** An object's record, waiting for the name of its file to be settled with its folder's others. */
interface PendingRecord {
  readonly entry: ObjectEntry;
  readonly folderPath: string;
  readonly record: Omit<ManifestRecord, 'file'>;
}

/**
 * `entries` with the objects of each chosen file in the file's own order (`ranks[i]`, the place of entry `i` in its
 * {@link FolderFile}), each at one of the places the file's objects held; every other entry stays where it is.
 */
function inFileOrder(entries: readonly FolderEntry[], ranks: readonly (number | undefined)[]): FolderEntry[] {
  const places = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    if (ranks[i] === undefined) return;
    const name = fileNameOf(entry);
    places.set(name, [...(places.get(name) ?? []), i]);
  });
  const out = [...entries];
  for (const indexes of places.values()) {
    const sorted = [...indexes].sort((a, b) => (ranks[a] ?? 0) - (ranks[b] ?? 0));
    indexes.forEach((place, k) => (out[place] = entries[sorted[k]]));
  }
  return out;
}

/**
 * Walks the constructs under `root` and collects what each folder of the tree holds: its API objects, its whole files
 * (with the file names and sharing its folder's hooks choose), the external files it lists and its Kustomize fields.
 *
 * @param exists whether a file (relative to the output root) exists on disk, for files synth does not write itself
 */
export function collectFolders(root: IConstruct, exists: (path: string) => boolean): CollectedTree {
  const issues: Issue[] = [];
  // records in the order their constructs were met; an object's record waits for its file name to be settled
  const collected: (ManifestRecord | PendingRecord)[] = [];
  const ranks = new Map<ObjectEntry, number>();
  const fileOrders = new Map<FolderFile, Map<IConstruct, number>>();
  const rankIn = (file: FolderFile, obj: IConstruct): number => {
    let order = fileOrders.get(file);
    if (order === undefined) fileOrders.set(file, (order = new Map(file.objects.map((o, i) => [o, i]))));
    return order.get(obj) ?? 0;
  };
  const folders = new Map<string, { readonly folder: TreeFolder; entries: FolderEntry[] }>();
  const folderOf = (folder: TreeFolder) => {
    const known = folders.get(folder.folderPath);
    if (known === undefined) {
      const made = { folder, entries: [] };
      folders.set(folder.folderPath, made);
      return made;
    }
    if (known.folder !== folder) {
      issues.push({
        constructPath: folder.node.path,
        field: 'folder',
        value: folder.folderPath,
        message: `is also the folder of ${known.folder.node.path}`,
        fix: 'give one of them another name or path',
      });
    }
    return known;
  };

  for (const c of root.node.findAll()) {
    if (TreeFolder.isTreeFolder(c)) folderOf(c);
    if (c instanceof ExternalObject) {
      collected.push(externalRecord(c));
      continue;
    }
    const isObject = c instanceof ApiObject;
    if (!isObject && !isTreeFile(c)) continue;
    const folder = TreeFolder.enclosing(c);
    if (folder === undefined) {
      issues.push({
        constructPath: c.node.path,
        field: 'scope',
        message: 'is not inside a folder of the GitOps tree, so it would not be written anywhere',
        fix: 'create it inside an application, e.g. `new X(repo.service("name"), ...)`',
      });
      continue;
    }
    const constructPath = c.node.path;
    if (isObject) {
      const file = folder.fileFor(c);
      const manifest = inFolderNamespace(canonicalObject(c.toJson() as Record<string, unknown>), folder);
      const reason = plaintextSecretReason(c);
      const entry: ObjectEntry = { constructPath, file, manifest };
      const chosen = FolderFile.of(c);
      if (chosen !== undefined) ranks.set(entry, rankIn(chosen, c));
      folderOf(folder).entries.push(entry);
      collected.push({
        entry,
        folderPath: folder.folderPath,
        record: {
          manifest,
          constructPath,
          cluster: folder.cluster,
          ...(reason ? { plaintextSecretReason: reason } : {}),
        },
      });
    } else {
      folderOf(folder).entries.push({ constructPath, fileName: c.fileName, content: c.renderContent() });
      collected.push(
        ...c.records(`${folder.folderPath}/${c.fileName}`).map((r) => ({
          ...r,
          constructPath: r.constructPath ?? constructPath,
          cluster: folder.cluster,
        })),
      );
    }
  }
  const settled = new Map<FolderEntry, FolderEntry>();
  for (const known of folders.values()) {
    const named = withDistinctFileNames(known.entries);
    known.entries.forEach((entry, i) => settled.set(entry, named[i]));
    known.entries = inFileOrder(
      named,
      known.entries.map((e) => (isWholeFile(e) ? undefined : ranks.get(e))),
    );
  }
  const records = collected.map((item): ManifestRecord => {
    if (!('entry' in item)) return item;
    return { ...item.record, file: `${item.folderPath}/${fileNameOf(settled.get(item.entry) ?? item.entry)}` };
  });
  const contents = [...folders.values()].map(({ folder, entries }) => ({
    folderPath: folder.folderPath,
    treeRoot: folder.treeRoot,
    entries,
    externalFiles: folder.externalFiles(exists),
    writtenWhenEmpty: folder.writtenWhenEmpty,
    kustomizeFields: folder.kustomizeFields(),
  }));
  return { folders: contents, records, issues };
}
