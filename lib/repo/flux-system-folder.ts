import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { FluxComponents } from './flux-components';
import { TreeFolder } from './tree-folder';

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
    location: { readonly folderPath: string; readonly treeRoot: string },
    private readonly components: FluxComponents,
    private readonly customization: Readonly<Record<string, unknown>> = {},
  ) {
    super(scope, id, location);
  }

  /** The labels and patches of the repository's `fluxSystem` customization. */
  public override kustomizeFields(): Readonly<Record<string, unknown>> {
    return this.customization;
  }

  public override fileNameFor(_obj: ApiObject): string {
    return GOTK_SYNC;
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
  public override fileNameFor(obj: ApiObject): string {
    return `${obj.name}.yaml`;
  }
}
