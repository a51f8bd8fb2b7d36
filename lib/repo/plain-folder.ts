import { Construct } from 'constructs';
import { INamespaceScope } from '../flux/flux-resource-props';
import { IDecryptionScope } from '../secrets/decryption-scope';
import { ResolvedSopsKey } from '../secrets/sops-decryption-key';
import { FolderOptions } from './folder-options';
import type { GitOpsRepository } from './gitops-repository';
import { TreeFolder } from './tree-folder';

/** Options of a folder that Flux does not apply. */
export interface PlainFolderOptions extends FolderOptions {
  /** Flux does not apply the folder: it gets no Flux Kustomization. */
  readonly sync: false;
}

/**
 * A folder of the tree that Flux does not apply: written with its objects and its `kustomization.yaml`, checked as
 * every folder is, but with no Flux Kustomization, for what is applied by hand (`kubectl apply -k`) or kept for
 * later. SopsSecret files may be kept in it, encrypted for the repository's key (a person decrypts them, not Flux).
 *
 * Made by `repo.service('n8n', { sync: false })` (any layer's `addApplication` alike) or `repo.folder('path')`.
 */
export class PlainFolder extends TreeFolder implements INamespaceScope, IDecryptionScope {
  /** True when `x` is a folder Flux does not apply. */
  public static isPlainFolder(x: unknown): x is PlainFolder {
    return x instanceof PlainFolder;
  }

  /** The repository it belongs to. */
  public readonly repository: GitOpsRepository;
  public readonly defaultFluxNamespace: string;

  /** @internal use `GitOpsRepository.folder()` or `{ sync: false }` */
  constructor(scope: Construct, id: string, folderPath: string, repository: GitOpsRepository, options: FolderOptions) {
    super(scope, id, { folderPath, treeRoot: repository.rootPath, objectNamespace: options.objectNamespace });
    this.repository = repository;
    this.defaultFluxNamespace = options.namespace ?? repository.fluxNamespace;
  }

  /** The repository's key: the files of the folder are encrypted for it, as every file of the tree is. */
  public get sopsDecryptionKey(): ResolvedSopsKey | undefined {
    return this.repository.sopsKey;
  }
}
