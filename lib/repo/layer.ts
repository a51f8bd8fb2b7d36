import { Construct } from 'constructs';
import { Application, ApplicationOptions } from './application';
import { PlainFolder, PlainFolderOptions } from './plain-folder';
import type { GitOpsRepository } from './gitops-repository';
import { LayerKustomizationsFolder } from './flux-system-folder';
import { folderNameProblem } from './names';
import { Issue } from '../errors';
import { IValidatedConstruct } from '../validate/validated-construct';

/** The layers of the usual Flux repository layout. */
export enum LayerName {
  /** Cluster add-ons: controllers, CRDs, ingress, cert-manager... */
  INFRASTRUCTURE = 'infrastructure',
  /** Workloads that run on the infrastructure. */
  SERVICES = 'services',
}

/**
 * A layer of the repository: the folder `<root>/<layer>/` of applications, and `<root>/flux/<layer>/` holding one
 * Flux Kustomization per application.
 */
export class Layer extends Construct implements IValidatedConstruct {
  /** The layer's folder name. */
  public readonly layerName: string;
  /** `<root>/flux/<layer>/`, where the applications' Flux Kustomizations are written. */
  public readonly kustomizationsFolder: LayerKustomizationsFolder;
  private readonly repository: GitOpsRepository;
  private readonly nameProblems: readonly Issue[];
  private readonly plainFolderNameProblems: Issue[];

  /** @internal use `GitOpsRepository.layer()` */
  constructor(repository: GitOpsRepository, name: string, fluxScope: Construct) {
    const where = { path: repository.node.path, field: 'layer' };
    const nameProblems = [folderNameProblem(name, where)];
    if (name === 'flux') {
      nameProblems.push({
        constructPath: where.path,
        field: where.field,
        value: name,
        message: 'is reserved: <root>/flux/ holds the Flux Kustomizations of every layer',
        fix: 'choose another layer name, such as "platform"',
      });
    }
    super(repository, name);
    this.nameProblems = nameProblems.filter((i) => i !== undefined);
    this.plainFolderNameProblems = [];
    this.layerName = name;
    this.repository = repository;
    this.kustomizationsFolder = new LayerKustomizationsFolder(fluxScope, name, {
      folderPath: [repository.rootPath, 'flux', name].filter((s) => s !== '').join('/'),
      treeRoot: repository.rootPath,
    });
  }

  /**
   * Adds the application `name` (folder `<root>/<layer>/<name>/`), applied by its Flux Kustomization; with
   * `{ sync: false }`, a folder of the layer that Flux does not apply.
   */
  public addApplication(name: string, options: PlainFolderOptions): PlainFolder;
  public addApplication(name: string, options?: ApplicationOptions): Application;
  public addApplication(
    name: string,
    options: ApplicationOptions | PlainFolderOptions = {},
  ): Application | PlainFolder {
    if (options.sync === false) {
      const problem = folderNameProblem(name, { path: this.node.path, field: 'application' });
      if (problem !== undefined) this.plainFolderNameProblems.push(problem);
      const folderPath = [this.repository.rootPath, this.layerName, name].filter((s) => s !== '').join('/');
      return new PlainFolder(this, name, folderPath, this.repository, options);
    }
    return new Application(this, name, this.repository, options);
  }

  /** The folders of this layer that Flux does not apply, in the order they were added. */
  public get plainFolders(): PlainFolder[] {
    return this.node.children.filter((c) => PlainFolder.isPlainFolder(c));
  }

  /** The problems of the layer's name and of its plain folders' names, reported at synth with the app's others. */
  public validateIssues(): Issue[] {
    return [...this.nameProblems, ...this.plainFolderNameProblems];
  }

  /** The applications of this layer, in the order they were added. */
  public get applications(): Application[] {
    return this.node.children.filter((c) => Application.isApplication(c));
  }
}
