/**
 * The file of its folder an API object is written to, and which other objects may be written to the same file.
 *
 * A folder's `fileFor` hook returns one for each of its objects: `ObjectFile.forObject('HelmRelease', 'podinfo')` for
 * the usual file of the object alone (`helmrelease-podinfo.yaml`), `ObjectFile.own('release.yaml')` for a file of a
 * name chosen for it, `ObjectFile.shared('gotk-sync.yaml')` for a file that holds several objects, as `flux bootstrap`
 * writes the flux-system GitRepository and Kustomization together. One `ObjectFile` given to several objects is one
 * file that holds them all. Objects written to one file are written in order, separated by `---`.
 */
export class ObjectFile {
  /** A file that holds this object only (or every object given this same `ObjectFile`). */
  public static own(fileName: string): ObjectFile {
    return new ObjectFile(fileName, false);
  }

  /** A file that holds this object and every other object written to it as shared. */
  public static shared(fileName: string): ObjectFile {
    return new ObjectFile(fileName, true);
  }

  /**
   * The usual file of one object, named after its kind and name: `<kind>-<name>.yaml`, or
   * `<kind>-<namespace>-<name>.yaml` when another object of its folder has the same kind and name in another
   * namespace (see {@link inNamespace}).
   */
  public static forObject(kind: string, name: string): ObjectFile {
    return new ObjectFile(`${kind.toLowerCase()}-${name}.yaml`, false, { kind: kind.toLowerCase(), name });
  }

  private constructor(
    /** The file name inside the folder, e.g. `helmrelease-podinfo.yaml`. */
    public readonly fileName: string,
    /** True when other objects (that share it too) may be written to the same file. */
    public readonly shared: boolean,
    private readonly named?: { readonly kind: string; readonly name: string },
  ) {}

  /** True when the file is named after its object's kind and name, and so gets its namespace when that is needed. */
  public get namedAfterObject(): boolean {
    return this.named !== undefined;
  }

  /**
   * The file of an object named after its kind and name, with `namespace` in its name as well; any other file as it
   * is (a name chosen for an object is kept).
   */
  public inNamespace(namespace: string): ObjectFile {
    if (this.named === undefined) return this;
    return ObjectFile.own(`${this.named.kind}-${namespace}-${this.named.name}.yaml`);
  }

  /** True when an object written to `other` may be written to the same file as one written to this. */
  public mayShareWith(other: ObjectFile): boolean {
    return this === other || (this.shared && other.shared);
  }
}
