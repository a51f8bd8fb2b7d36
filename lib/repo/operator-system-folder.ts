import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { FluxInstance } from '../flux/flux-instance';
import { ObjectFile } from '../render/object-file';
import { IDecryptionScope, decryptionScopeOf } from '../secrets/decryption-scope';
import { ResolvedSopsKey } from '../secrets/sops-decryption-key';
import { SopsSecret } from '../secrets/sops-secret';
import { TreeFolder, TreeFolderLocation } from './tree-folder';

/** The file the FluxInstance of a cluster bootstrapped by the Flux Operator is written to. */
export const FLUX_INSTANCE_FILE = 'flux-instance.yaml';

/**
 * `<root>/flux/flux-system/` of a cluster the Flux Operator bootstraps: the FluxInstance in `flux-instance.yaml`, and
 * whatever else the cluster's own settings need (the operator's ResourceSet, runtime ConfigMaps, SOPS Secrets...),
 * each in a file of its own. The operator's sync Kustomization applies it, and decrypts it when it holds SOPS files.
 */
export class OperatorSystemFolder extends TreeFolder implements IDecryptionScope {
  constructor(
    scope: Construct,
    id: string,
    location: TreeFolderLocation,
    private readonly key: () => ResolvedSopsKey | undefined,
    private readonly customization: Readonly<Record<string, unknown>> = {},
  ) {
    super(scope, id, location);
  }

  /** The repository's key, with which the sync Kustomization decrypts the folder's SOPS files. */
  public get sopsDecryptionKey(): ResolvedSopsKey | undefined {
    return this.key();
  }

  /** True when a SopsSecret of this folder is written into it. */
  public holdsEncryptedFiles(): boolean {
    return this.node.findAll().some((c) => c instanceof SopsSecret && decryptionScopeOf(c) === this);
  }

  /** The labels and patches of the repository's `fluxSystem` customization. */
  public override kustomizeFields(): Readonly<Record<string, unknown>> {
    return this.customization;
  }

  /** The FluxInstance in `flux-instance.yaml`, as the operator's documentation names it; others by kind and name. */
  public override fileFor(obj: ApiObject): ObjectFile {
    return obj instanceof FluxInstance ? ObjectFile.own(FLUX_INSTANCE_FILE) : super.fileFor(obj);
  }
}
