import { FLUX_SYSTEM_NAMESPACE, INamespaceScope } from '../flux/flux-resource-props';
import { IKustomization, Kustomization, KustomizationOptions } from '../flux/kustomization';
import { ObjectRef } from '../flux/object-ref';
import { IDecryptionScope, decryptionScopeOf } from '../secrets/decryption-scope';
import { ResolvedSopsKey } from '../secrets/sops-decryption-key';
import { SopsSecret } from '../secrets/sops-secret';
import type { GitOpsRepository } from './gitops-repository';
import { FolderOptions } from './folder-options';
import type { Layer } from './layer';
import { folderNameProblem } from './names';
import { TreeFolder } from './tree-folder';
import { Issue } from '../errors';
import { remoteClusterName } from '../validate/remote-cluster';
import { IValidatedConstruct } from '../validate/validated-construct';

/** Options of an application folder: its Flux Kustomization's settings and the namespaces of its objects. */
export interface ApplicationOptions extends KustomizationOptions, FolderOptions {
  /**
   * Flux applies the folder through a Flux Kustomization; `{ sync: false }` makes a {@link PlainFolder} instead.
   * @default true
   */
  readonly sync?: true;
  /**
   * Name of the folder's Flux Kustomization (in the Flux namespace).
   * @default the application name
   */
  readonly kustomizationName?: string;
  /**
   * Namespace of the folder's Flux Kustomization, e.g. one namespace per remote cluster of a hub, beside its
   * kubeconfig Secret.
   * @default the repository's Flux namespace
   */
  readonly kustomizationNamespace?: string;
}

/**
 * One application of a layer: the folder `<root>/<layer>/<name>/` holding its resources, and the Flux Kustomization
 * `<root>/flux/<layer>/<name>.yaml` that applies that folder from the flux-system GitRepository.
 *
 * Make resources inside it (`new HelmRelease(app, ...)`); pass it to `dependsOn` of another application.
 * A folder Flux does not apply is a {@link PlainFolder} (`{ sync: false }`).
 */
export class Application
  extends TreeFolder
  implements IKustomization, INamespaceScope, IDecryptionScope, IValidatedConstruct
{
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
  private readonly nameProblems: readonly Issue[];
  public readonly defaultFluxNamespace: string;

  constructor(layer: Layer, name: string, repository: GitOpsRepository, options: ApplicationOptions = {}) {
    const nameProblem = folderNameProblem(name, { path: layer.node.path, field: 'application' });
    const folderPath = [repository.rootPath, layer.layerName, name].filter((s) => s !== '').join('/');
    super(layer, name, { folderPath, treeRoot: repository.rootPath, objectNamespace: options.objectNamespace });
    this.nameProblems = nameProblem === undefined ? [] : [nameProblem];
    this.appName = name;
    this.layer = layer;
    this.repository = repository;
    this.defaultFluxNamespace = options.namespace ?? FLUX_SYSTEM_NAMESPACE;
    const {
      namespace: _ns,
      objectNamespace: _objects,
      sync: _sync,
      kustomizationName,
      kustomizationNamespace,
      ...kustomizationOptions
    } = options;
    this.kustomization = new Kustomization(layer.kustomizationsFolder, name, {
      ...kustomizationOptions,
      name: kustomizationName ?? name,
      namespace: kustomizationNamespace ?? repository.fluxNamespace,
      source: repository.syncSource,
      path: `./${folderPath}`,
    });
    // Decided at synth, from what the folder holds by then: Flux decrypts only where there is something to decrypt.
    // A decryption the options give (another Secret, cloud KMS) is kept as given.
    if (options.decryption === undefined)
      this.kustomization.enableSopsDecryption(() =>
        this.holdsEncryptedFiles() ? this.sopsDecryptionKey?.secretName : undefined,
      );
  }

  /** The remote cluster its Flux Kustomization applies to through a kubeconfig Secret, else the tree's. */
  public override get cluster(): string {
    const secret = this.kustomization.kubeConfigSecretName;
    return secret === undefined
      ? this.treeRoot
      : remoteClusterName(this.treeRoot, this.kustomization.ref.namespace, secret);
  }

  /** Its Flux Kustomization builds the folder, so it is written even before it holds anything. */
  public override get writtenWhenEmpty(): boolean {
    return true;
  }

  /** The problem of the application's name, reported at synth with the app's others. */
  public validateIssues(): Issue[] {
    return [...this.nameProblems];
  }

  /** The key of the repository's cluster, which decrypts this folder's encrypted files. */
  public get sopsDecryptionKey(): ResolvedSopsKey | undefined {
    return this.repository.sopsKey;
  }

  /** True when a SopsSecret of this folder is written into it. */
  private holdsEncryptedFiles(): boolean {
    return this.node.findAll().some((c) => c instanceof SopsSecret && decryptionScopeOf(c) === this);
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
