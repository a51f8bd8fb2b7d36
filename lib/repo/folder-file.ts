import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Issue } from '../errors';
import { fileNameProblem } from '../render/file-name-problem';
import { ObjectFile } from '../render/object-file';
import { isTreeFile } from '../render/tree-file';
import { IValidatedConstruct } from '../validate/validated-construct';
import { TreeFolder } from './tree-folder';

/** The file each object was added to with {@link FolderFile.add}, and the later files it was also added to. */
const addedTo = new WeakMap<IConstruct, FolderFile>();

/**
 * A file of a folder named as people name them (`release.yaml`, `pvc.yaml`), holding one object or several, in
 * order, separated by `---`.
 *
 * The objects made inside it (`new KubePersistentVolumeClaim(pvcs, 'data', ...)`) are written to it in the order
 * they were made, then the objects of its folder added to it ({@link add}) in the order they were added. Every other
 * object of the folder keeps its own file (`helmrelease-podinfo.yaml`). Made by `folder.file(name)`.
 *
 * @example
 *   const pvcs = app.file('pvc.yaml');
 *   new k8s.KubePersistentVolumeClaim(pvcs, 'data', { ... });
 *   new k8s.KubePersistentVolumeClaim(pvcs, 'cache', { ... });
 *   app.file('release.yaml', [chartRepository, release]);
 */
export class FolderFile extends Construct implements IValidatedConstruct {
  /** True when `x` is a file of a folder. */
  public static isFolderFile(x: unknown): x is FolderFile {
    return x instanceof FolderFile;
  }

  /**
   * The file `obj` is written to when one was chosen for it: the nearest file it was made in (inside its folder), else
   * the file it was added to.
   */
  public static of(obj: IConstruct): FolderFile | undefined {
    const scopes = obj.node.scopes;
    for (let i = scopes.length - 2; i >= 0; i--) {
      const s = scopes[i];
      if (TreeFolder.isTreeFolder(s)) break;
      if (FolderFile.isFolderFile(s)) return s;
    }
    return addedTo.get(obj);
  }

  /** The file's name inside its folder. */
  public readonly fileName: string;
  /** Where its objects are written: one file for them all. */
  public readonly objectFile: ObjectFile;
  private readonly added: ApiObject[] = [];
  private readonly problems: Issue[] = [];

  /** @param fileName the file's name inside the folder (also the construct id) */
  constructor(scope: Construct, fileName: string) {
    super(scope, fileName);
    this.fileName = fileName;
    this.objectFile = ObjectFile.own(fileName);
    const problem = fileNameProblem(fileName, { constructPath: this.node.path, field: 'fileName' });
    if (problem !== undefined) this.problems.push(problem);
  }

  /**
   * Writes objects of the file's folder made elsewhere in it into this file, after those made inside the file.
   * @param objects API objects of the same folder, each in no other file
   */
  public add(...objects: ApiObject[]): void {
    for (const obj of objects) {
      const earlier = FolderFile.of(obj);
      if (earlier === this) continue;
      if (earlier !== undefined) {
        this.problems.push(
          this.addProblem(obj, `is already written to ${earlier.node.path}`, 'add it to one file only'),
        );
        continue;
      }
      if (TreeFolder.enclosing(obj) !== TreeFolder.enclosing(this)) {
        this.problems.push(
          this.addProblem(
            obj,
            `is in ${TreeFolder.enclosing(obj)?.node.path ?? 'no folder'}, not in this file's folder`,
            'add objects of the same folder only, or make the file in the folder of the object',
          ),
        );
        continue;
      }
      addedTo.set(obj, this);
      this.added.push(obj);
    }
  }

  /** The objects written to the file, in their order: those made inside it, then those added. */
  public get objects(): ApiObject[] {
    const made = this.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && FolderFile.of(c) === this);
    return [...made, ...this.added];
  }

  /** The problems of the file's name, its place, and the objects added to it, reported at synth. */
  public validateIssues(): Issue[] {
    const issues = [...this.problems];
    const where = { constructPath: this.node.path, value: this.fileName };
    if (TreeFolder.enclosing(this) === undefined) {
      issues.push({
        ...where,
        field: 'scope',
        message: 'is not inside a folder of the GitOps tree, so it would not be written anywhere',
        fix: 'make it with folder.file(name) on an application or a plain folder',
      });
    }
    for (const c of this.node.findAll()) {
      if (!isTreeFile(c) || c === (this as IConstruct)) continue;
      issues.push({
        constructPath: c.node.path,
        field: 'scope',
        value: this.fileName,
        message:
          'is a file of its own (an encrypted file is copied as it is), so it cannot be written into a file of objects',
        fix: 'make it in the folder itself, and name its file with its own fileName option',
      });
    }
    if (this.objects.length === 0) {
      issues.push({
        ...where,
        field: 'objects',
        message: 'holds no object, so it would not be written',
        fix: 'make objects inside it, add some with file.add(...), or remove it',
      });
    }
    return issues;
  }

  private addProblem(obj: IConstruct, message: string, fix: string): Issue {
    return { constructPath: obj.node.path, field: 'file', value: this.fileName, message, fix };
  }
}
