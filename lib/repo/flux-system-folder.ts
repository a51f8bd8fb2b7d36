import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ObjectFile } from '../render/object-file';
import { FluxComponents } from './flux-components';
import { FolderFile } from './folder-file';
import { TreeFolder, TreeFolderLocation } from './tree-folder';

/** The file `flux bootstrap` writes the Flux controllers to. */
export const GOTK_COMPONENTS = 'gotk-components.yaml';
/** The file holding the flux-system GitRepository and Kustomization, named as `flux bootstrap` names it. */
export const GOTK_SYNC = 'gotk-sync.yaml';

/**
 * `<root>/flux/flux-system/`: the sync objects in `gotk-sync.yaml`, and `gotk-components.yaml` when bootstrap wrote it.
 */
export class FluxSystemFolder extends TreeFolder {
  constructor(
    scope: Construct,
    id: string,
    location: TreeFolderLocation,
    private readonly components: FluxComponents,
    private readonly customization: Readonly<Record<string, unknown>> = {},
  ) {
    super(scope, id, location);
  }

  /** The labels and patches of the repository's `fluxSystem` customization. */
  public override kustomizeFields(): Readonly<Record<string, unknown>> {
    return this.customization;
  }

  /** Both sync objects share `gotk-sync.yaml`, as `flux bootstrap` writes them. */
  public override fileFor(_obj: ApiObject): ObjectFile {
    return ObjectFile.shared(GOTK_SYNC);
  }

  public override externalFiles(exists: (path: string) => boolean): string[] {
    const listed =
      this.components === FluxComponents.INCLUDE ||
      (this.components === FluxComponents.AUTO && exists(`${this.folderPath}/${GOTK_COMPONENTS}`));
    return listed ? [GOTK_COMPONENTS] : [];
  }
}

/** `<root>/flux/<layer>/`: one Flux Kustomization per application, in `<application>.yaml`. */
export class LayerKustomizationsFolder extends TreeFolder {
  public override fileFor(obj: ApiObject): ObjectFile {
    return FolderFile.of(obj)?.objectFile ?? ObjectFile.own(`${obj.name}.yaml`);
  }
}
