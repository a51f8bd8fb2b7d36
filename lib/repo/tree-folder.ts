import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { hasPrototypeOf } from '../prototype-instance';
import { ObjectFile } from '../render/object-file';
import { FolderFile } from './folder-file';

/** Where a folder is written, and what it gives the objects it holds. */
export interface TreeFolderLocation {
  /** Where the folder is written, relative to the output root, `/`-separated, no trailing slash. */
  readonly folderPath: string;
  /** The root of the GitOps tree the folder belongs to (`""` for the output root). */
  readonly treeRoot: string;
  /**
   * Namespace written into the namespaced objects of the folder that set none (a ConfigMap, a Deployment...).
   * @default none: such objects are written without a namespace
   */
  readonly objectNamespace?: string;
}

/**
 * A folder of the synthesized GitOps tree: a cdk8s Chart that knows where it is written.
 *
 * Every API object and tree file inside it (at any depth, up to the next folder) is written into it, one file each
 * unless a file is chosen for it ({@link file}), and the folder gets a `kustomization.yaml` listing each of its files
 * and sub-folders once.
 */
export abstract class TreeFolder extends Chart {
  /**
   * `cdk8s` makes `instanceof Chart` true for every chart; folders restore the prototype-chain meaning, so that
   * `x instanceof Application` is true for applications only.
   */
  public static override [Symbol.hasInstance](o: unknown): o is Chart {
    return hasPrototypeOf(this, o);
  }

  /** True when `c` is a folder of the tree. */
  public static isTreeFolder(c: IConstruct): c is TreeFolder {
    return c instanceof TreeFolder;
  }

  /** The nearest folder that holds `c`, or undefined when it is outside every folder. */
  public static enclosing(c: IConstruct): TreeFolder | undefined {
    const scopes = c.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i];
      if (TreeFolder.isTreeFolder(s)) return s;
    }
    return undefined;
  }

  /** Where the folder is written, relative to the output root, with `/` separators and no trailing slash. */
  public readonly folderPath: string;
  /**
   * The root of the GitOps tree the folder belongs to (`""` for the output root). Every folder between the root and
   * this one gets a `kustomization.yaml` listing its sub-folders; the root itself does not.
   */
  public readonly treeRoot: string;
  /** Namespace written into the namespaced objects of the folder that set none, when the folder gives one. */
  public readonly objectNamespace?: string;

  constructor(scope: Construct, id: string, location: TreeFolderLocation) {
    super(scope, id, { disableResourceNameHashes: true });
    this.folderPath = location.folderPath;
    this.treeRoot = location.treeRoot;
    this.objectNamespace = location.objectNamespace;
  }

  /**
   * The file `fileName` of this folder (made on first use), that the objects made inside it, and `objects`, are
   * written to, in that order: `release.yaml` for a HelmRepository and its HelmRelease, `pvc.yaml` for five
   * PersistentVolumeClaims.
   * @param objects objects of this folder made elsewhere in it, written to the file after those made inside it
   */
  public file(fileName: string, objects: readonly ApiObject[] = []): FolderFile {
    const existing = this.node.tryFindChild(fileName);
    const file = FolderFile.isFolderFile(existing) ? existing : new FolderFile(this, fileName);
    file.add(...objects);
    return file;
  }

  /**
   * The file an API object of this folder is written to, and whether it shares it with other objects: the one chosen
   * for it ({@link file}), else by default a file of its own with a readable name, `helmrelease-cert-manager.yaml`
   * (`<kind>-<namespace>-<name>.yaml` when the folder holds an object of that kind and name in another namespace).
   */
  public fileFor(obj: ApiObject): ObjectFile {
    return FolderFile.of(obj)?.objectFile ?? ObjectFile.forObject(obj.kind, obj.name);
  }

  /**
   * The cluster the objects of this folder are applied to, for the whole-tree checks: the folder's tree root, or
   * the remote cluster of the application folder it is in.
   */
  public get cluster(): string {
    const parent = this.node.scope === undefined ? undefined : TreeFolder.enclosing(this.node.scope);
    return parent?.cluster ?? this.treeRoot;
  }

  /**
   * Files that are not written by synth but belong in this folder's `kustomization.yaml` when present.
   * @param exists tells whether a file (path relative to the output root) exists
   */
  public externalFiles(_exists: (path: string) => boolean): string[] {
    return [];
  }

  /**
   * True when the folder is written (with a `kustomization.yaml` listing nothing) even when it holds nothing: a Flux
   * Kustomization builds it, and Flux fails on a folder that is not there.
   */
  public get writtenWhenEmpty(): boolean {
    return false;
  }

  /**
   * Fields this folder's `kustomization.yaml` gets after `resources` (such as `labels` or `patches`); the
   * `apiVersion`, `kind` and `resources` fields are always synth's own.
   */
  public kustomizeFields(): Readonly<Record<string, unknown>> {
    return {};
  }
}
