import { FLUX_SYSTEM_NAMESPACE, INamespaceScope } from '../flux/flux-resource-props';
import { IKustomization, Kustomization, KustomizationOptions } from '../flux/kustomization';
import { ObjectRef } from '../flux/object-ref';
import type { GitOpsRepository } from './gitops-repository';
import type { Layer } from './layer';
import { TreeFolder } from './tree-folder';

/** Options of an application folder: its Flux Kustomization's settings and the namespace of its Flux objects. */
export interface ApplicationOptions extends KustomizationOptions {
  /**
   * Default namespace of the Flux objects made inside the folder (HelmRepository, HelmRelease...).
   * @default the repository's Flux namespace, `flux-system`
   */
  readonly namespace?: string;
  /**
   * Name of the folder's Flux Kustomization (in the Flux namespace).
   * @default the application name
   */
  readonly kustomizationName?: string;
}

/**
 * One application of a layer: the folder `<root>/<layer>/<name>/` holding its resources, and the Flux Kustomization
 * `<root>/flux/<layer>/<name>.yaml` that applies that folder from the flux-system GitRepository.
 *
 * Make resources inside it (`new HelmRelease(app, ...)`); pass it to `dependsOn` of another application.
 */
export class Application extends TreeFolder implements IKustomization, INamespaceScope {
  /** True when `x` is an application folder. */
  public static isApplication(x: unknown): x is Application {
    return x instanceof Application;
  }

  /** The application name: its folder name. */
  public readonly appName: string;
  /** The layer it belongs to. */
  public readonly layer: Layer;
  /** The repository it belongs to. */
  public readonly repository: GitOpsRepository;
  /** The Flux Kustomization that applies this folder. */
  public readonly kustomization: Kustomization;
  public readonly defaultFluxNamespace: string;

  constructor(layer: Layer, name: string, repository: GitOpsRepository, options: ApplicationOptions = {}) {
    const folderPath = [repository.rootPath, layer.layerName, name].filter((s) => s !== '').join('/');
    super(layer, name, { folderPath, treeRoot: repository.rootPath });
    this.appName = name;
    this.layer = layer;
    this.repository = repository;
    this.defaultFluxNamespace = options.namespace ?? FLUX_SYSTEM_NAMESPACE;
    const { namespace: _ns, kustomizationName, ...kustomizationOptions } = options;
    this.kustomization = new Kustomization(layer.kustomizationsFolder, name, {
      ...kustomizationOptions,
      name: kustomizationName ?? name,
      namespace: repository.fluxNamespace,
      source: repository.syncSource,
      path: `./${folderPath}`,
    });
  }

  /** The Flux Kustomization's reference, so an application can stand in any `dependsOn`. */
  public get ref(): ObjectRef<'Kustomization'> {
    return this.kustomization.ref;
  }

  /** Makes this application wait until `others` are ready. */
  public addDependsOn(...others: IKustomization[]): void {
    this.kustomization.addDependsOn(...others);
  }
}
