import { FluxInstanceProps } from '../flux/flux-instance';
import { FluxInstanceSource } from '../flux/flux-instance-source';

/** Settings of the FluxInstance a repository bootstrapped by the Flux Operator writes. */
export interface FluxOperatorBootstrapOptions extends Omit<
  FluxInstanceProps,
  'sync' | 'name' | 'namespace' | 'labels' | 'annotations'
> {
  /**
   * Where the operator syncs the cluster from; the sync path is always the repository's `flux/` folder.
   * @default FluxInstanceSource.git(url, { ref: "refs/heads/<branch>" }), with the repository's Git credentials
   *   Secret (`secretName`) as pull Secret unless `publicRepository`
   */
  readonly source?: FluxInstanceSource;
}

/** How a cluster is bootstrapped, and so how the tree's `flux/flux-system/` folder is written. */
export enum BootstrapKind {
  /** `flux bootstrap`: the sync objects in `gotk-sync.yaml`, the controllers in `gotk-components.yaml`. */
  FLUX_BOOTSTRAP = 'flux-bootstrap',
  /** The Flux Operator: a FluxInstance in `flux-instance.yaml`, from which the operator installs Flux and syncs. */
  FLUX_OPERATOR = 'flux-operator',
}

/**
 * How the cluster of a GitOpsRepository is bootstrapped: by `flux bootstrap` (the default), or by the Flux Operator
 * from a FluxInstance the tree holds.
 *
 * @example
 *   new GitOpsRepository(app, 'staging', {
 *     url: 'ssh://git@github.com/org/fleet', path: 'clusters/staging',
 *     bootstrap: Bootstrap.fluxOperator({ cluster: { size: ClusterSize.MEDIUM } }),
 *   });
 * @see https://fluxoperator.dev/docs/instance/sync/
 */
export class Bootstrap {
  /** `flux bootstrap git --path=<root>/flux`: `flux/flux-system/gotk-sync.yaml` holds the sync objects. */
  public static fluxBootstrap(): Bootstrap {
    return new Bootstrap(BootstrapKind.FLUX_BOOTSTRAP, {});
  }

  /**
   * The Flux Operator: `flux/flux-system/flux-instance.yaml` holds a FluxInstance whose sync applies `<root>/flux`;
   * the operator makes the sync source and Kustomization (named after the Flux namespace) from it.
   */
  public static fluxOperator(options: FluxOperatorBootstrapOptions = {}): Bootstrap {
    return new Bootstrap(BootstrapKind.FLUX_OPERATOR, options);
  }

  private constructor(
    /** Which bootstrap. */
    public readonly kind: BootstrapKind,
    /** The FluxInstance's settings (Flux Operator only). */
    public readonly operatorOptions: FluxOperatorBootstrapOptions,
  ) {}
}
