import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as kustomize from '../../imports/kustomize.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable, crossRef } from './object-ref';
import { SubstituteFrom } from './substitute-from';

/** A Flux Kustomization, made here or declared external; an application folder is one too. */
export type IKustomization = IReferenceable<'Kustomization'>;

/** Sources a Flux Kustomization can build from. */
export type KustomizationSource = IReferenceable<'GitRepository' | 'OCIRepository' | 'Bucket' | 'ExternalArtifact'>;

/** A Kustomize patch applied by Flux on top of the built manifests. */
export interface KustomizationPatch {
  /** A strategic merge patch or a JSON 6902 patch (YAML text, or a list of operations). */
  readonly patch: string | readonly Readonly<Record<string, unknown>>[];
  /**
   * Which objects the patch applies to.
   * @default the objects the patch itself names
   */
  readonly target?: {
    readonly group?: string;
    readonly version?: string;
    readonly kind?: string;
    readonly name?: string;
    readonly namespace?: string;
    readonly labelSelector?: string;
    readonly annotationSelector?: string;
  };
}

/** Settings of a Flux Kustomization, shared by the Kustomization construct and application folders. */
export interface KustomizationOptions {
  /**
   * How often Flux re-applies the manifests (and corrects drift).
   * @default "10m"
   */
  readonly interval?: FluxDuration;
  /**
   * Interval between retries after a failed reconciliation.
   * @default Flux's default, the interval
   */
  readonly retryInterval?: FluxDuration;
  /**
   * Timeout for building, applying and health checking.
   * @default Flux's default, the interval
   */
  readonly timeout?: FluxDuration;
  /**
   * Delete objects that were removed from the source.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Wait for every applied object to become ready.
   * @default false
   */
  readonly wait?: boolean;
  /**
   * Recreate objects whose immutable fields changed.
   * @default false
   */
  readonly force?: boolean;
  /**
   * Put every namespaced object into this namespace.
   * @default the namespaces in the manifests
   */
  readonly targetNamespace?: string;
  /**
   * Kustomizations (or application folders) that must be ready first.
   * @default none
   */
  readonly dependsOn?: readonly IKustomization[];
  /**
   * Variables for `${var}` substitution in the manifests (`postBuild.substitute`).
   * @default no substitution
   */
  readonly substitute?: Readonly<Record<string, string>>;
  /**
   * ConfigMaps and Secrets, in the Kustomization's namespace, whose data keys are variables for `${var}`
   * substitution (`postBuild.substituteFrom`), in order: later entries win, and `substitute` wins over them.
   * @default none
   * @see https://fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution
   */
  readonly substituteFrom?: readonly SubstituteFrom[];
  /**
   * Patches applied to the built manifests.
   * @default none
   */
  readonly patches?: readonly KustomizationPatch[];
  /**
   * Service account the controller impersonates.
   * @default the controller's own
   */
  readonly serviceAccountName?: string;
  /**
   * Stop reconciling this object.
   * @default false
   */
  readonly suspend?: boolean;
}

/** Props of a {@link Kustomization}. */
export interface KustomizationProps extends KustomizationOptions, FluxResourceProps {
  /** The source whose artifact is built. */
  readonly source: KustomizationSource;
  /**
   * Folder of the artifact to build, relative to its root, e.g. `"./kustomize"`.
   * @default the artifact's root
   */
  readonly path?: string;
}

/**
 * A Flux Kustomization: Flux builds a folder of a source with Kustomize and applies it to the cluster.
 *
 * @example
 *   new Kustomization(podinfo, 'podinfo', { source: podinfoGit, path: './kustomize', targetNamespace: 'default' });
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/
 */
export class Kustomization extends FluxObject<'Kustomization', kustomize.KustomizationSpec> implements IKustomization {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('Kustomization', kustomize.Kustomization);

  /** The source it builds from. */
  public readonly source: KustomizationSource;
  private readonly dependencies: IKustomization[];
  private decryptionSecret: () => string | undefined = () => undefined;

  constructor(scope: Construct, id: string, props: KustomizationProps) {
    const c = new FluxSpecContext(scope, id, Kustomization.KIND, props);
    const dependencies = [...(props.dependsOn ?? [])];
    const substitute =
      props.substitute && Object.keys(props.substitute).length > 0 ? { ...props.substitute } : undefined;
    super(c, {
      interval: c.duration('interval', props.interval ?? '10m'),
      retryInterval: c.duration('retryInterval', props.retryInterval),
      timeout: c.duration('timeout', props.timeout),
      path: c.nonEmpty('path', props.path, 'give a folder such as "./kustomize", or leave it out'),
      prune: props.prune ?? true,
      wait: props.wait,
      force: props.force,
      targetNamespace: props.targetNamespace,
      sourceRef: crossRef(props.source.ref, c.namespace) as kustomize.KustomizationSpecSourceRef,
      dependsOn: c.dependsOn(dependencies),
      decryption: Lazy.any({
        produce: () => {
          const secret = this.decryptionSecret();
          return secret === undefined ? undefined : { provider: 'sops', secretRef: { name: secret } };
        },
      }) as kustomize.KustomizationSpecDecryption,
      postBuild: postBuild(c, substitute, props.substituteFrom ?? []),
      patches: props.patches?.map((p) => ({
        patch: typeof p.patch === 'string' ? p.patch : JSON.stringify(p.patch),
        target: p.target ? { ...p.target } : undefined,
      })),
      serviceAccountName: props.serviceAccountName,
      suspend: props.suspend,
    });
    this.source = props.source;
    this.dependencies = dependencies;
  }

  /** Makes this Kustomization wait for `others` to be ready (`spec.dependsOn`). */
  public addDependsOn(...others: IKustomization[]): void {
    this.dependencies.push(...others);
  }

  /** The Kustomizations this one waits for. */
  public get dependsOn(): readonly IKustomization[] {
    return [...this.dependencies];
  }

  /**
   * Lets Flux decrypt SOPS-encrypted files with the private key in Secret `secretName` (`spec.decryption`).
   * An application does this for its own Kustomization when its folder holds encrypted files.
   *
   * @param secretName the Secret's name, or a function giving it (or `undefined` for no decryption) at synth, when
   *   the owner of the applied folder knows what the folder holds
   */
  public enableSopsDecryption(secretName: string | (() => string | undefined)): void {
    this.decryptionSecret = typeof secretName === 'string' ? () => secretName : secretName;
  }
}

/** `spec.postBuild`: the variables and the objects they are read from; unset when there are none. */
function postBuild(
  c: FluxSpecContext<'Kustomization', kustomize.KustomizationSpec>,
  substitute: Record<string, string> | undefined,
  substituteFrom: readonly SubstituteFrom[],
): kustomize.KustomizationSpecPostBuild | undefined {
  const from = substituteFrom.map((s, i) => s._render(c.namespace, c.where(`substituteFrom[${i}]`), c));
  if (substitute === undefined && from.length === 0) return undefined;
  return {
    substitute,
    substituteFrom: from.length === 0 ? undefined : (from as kustomize.KustomizationSpecPostBuildSubstituteFrom[]),
  };
}
