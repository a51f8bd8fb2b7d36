import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/**
 * A folder of the synthesized GitOps tree: a cdk8s Chart that knows where it is written.
 *
 * Every API object and tree file inside it (at any depth, up to the next folder) is written into it, one file each,
 * and the folder gets a `kustomization.yaml` listing its files and sub-folders.
 */
export abstract class TreeFolder extends Chart {
  /**
   * `cdk8s` makes `instanceof Chart` true for every chart; folders restore the prototype-chain meaning, so that
   * `x instanceof Application` is true for applications only.
   */
  public static override [Symbol.hasInstance](o: unknown): o is Chart {
    return typeof o === 'object' && o !== null && Object.prototype.isPrototypeOf.call(this.prototype, o);
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

  constructor(scope: Construct, id: string, location: { readonly folderPath: string; readonly treeRoot: string }) {
    super(scope, id, { disableResourceNameHashes: true });
    this.folderPath = location.folderPath;
    this.treeRoot = location.treeRoot;
  }

  /** The file an API object of this folder is written to. Readable names: `helmrelease-cert-manager.yaml`. */
  public fileNameFor(obj: ApiObject): string {
    return `${obj.kind.toLowerCase()}-${obj.name}.yaml`;
  }

  /**
   * Files that are not written by synth but belong in this folder's `kustomization.yaml` when present.
   * @param exists tells whether a file (path relative to the output root) exists
   */
  public externalFiles(_exists: (path: string) => boolean): string[] {
    return [];
  }

  /**
   * Fields this folder's `kustomization.yaml` gets after `resources` (such as `labels` or `patches`); the
   * `apiVersion`, `kind` and `resources` fields are always synth's own.
   */
  public kustomizeFields(): Readonly<Record<string, unknown>> {
    return {};
  }
}
