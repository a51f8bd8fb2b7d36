import { Construct } from 'constructs';
import { Application, ApplicationOptions } from './application';
import type { GitOpsRepository } from './gitops-repository';
import { LayerKustomizationsFolder } from './flux-system-folder';
import { requireFolderName } from './names';
import { fail } from '../errors';

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
export class Layer extends Construct {
  /** The layer's folder name. */
  public readonly layerName: string;
  /** `<root>/flux/<layer>/`, where the applications' Flux Kustomizations are written. */
  public readonly kustomizationsFolder: LayerKustomizationsFolder;
  private readonly repository: GitOpsRepository;

  /** @internal use `GitOpsRepository.layer()` */
  constructor(repository: GitOpsRepository, name: string, fluxScope: Construct) {
    super(repository, requireFolderName(name, { path: repository.node.path, field: 'layer' }));
    if (name === 'flux') {
      fail({
        constructPath: repository.node.path,
        field: 'layer',
        value: name,
        message: 'is reserved: <root>/flux/ holds the Flux Kustomizations of every layer',
        fix: 'choose another layer name, such as "platform"',
      });
    }
    this.layerName = name;
    this.repository = repository;
    this.kustomizationsFolder = new LayerKustomizationsFolder(fluxScope, name, {
      folderPath: [repository.rootPath, 'flux', name].filter((s) => s !== '').join('/'),
      treeRoot: repository.rootPath,
    });
  }

  /** Adds the application `name` (folder `<root>/<layer>/<name>/`). */
  public addApplication(name: string, options: ApplicationOptions = {}): Application {
    requireFolderName(name, { path: this.node.path, field: 'application' });
    return new Application(this, name, this.repository, options);
  }

  /** The applications of this layer, in the order they were added. */
  public get applications(): Application[] {
    return this.node.children.filter((c) => Application.isApplication(c));
  }
}
