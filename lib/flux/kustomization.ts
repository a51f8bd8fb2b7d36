import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as kustomize from '../../imports/kustomize.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable, crossRef } from './object-ref';
import { CommonMetadata, renderCommonMetadata } from './common-metadata';
import { DriftIgnoreRule, renderDriftIgnoreRules } from './drift-ignore-rule';
import { HealthCheckExpr, renderHealthCheckExprs } from './health-check-expr';
import { HealthCheckTarget, healthCheckRef } from './health-check-target';
import { ImageOverride, renderImageOverrides } from './image-override';
import { KubeConfig } from './kube-config';
import { DecryptionEntry, KustomizationDecryption } from './kustomization-decryption';
import { KustomizationPatch, renderPatches } from './kustomize-patch';
import { SubstituteFrom } from './substitute-from';

const COMPONENT_FIX = 'give the folder of the component, relative to path, e.g. "../components/monitoring"';

/** A Flux Kustomization, made here or declared external; an application folder is one too. */
export type IKustomization = IReferenceable<'Kustomization'>;

/** Sources a Flux Kustomization can build from. */
export type KustomizationSource = IReferenceable<'GitRepository' | 'OCIRepository' | 'Bucket' | 'ExternalArtifact'>;

/** Kustomize build metadata Flux adds to the objects it applies (`spec.buildMetadata`). */
export enum BuildMetadata {
  /** Annotate each object with the file and source it came from (`config.kubernetes.io/origin`). */
  ORIGIN_ANNOTATIONS = 'originAnnotations',
  /** Annotate each object with the transformers that changed it. */
  TRANSFORMER_ANNOTATIONS = 'transformerAnnotations',
}

/** What happens to the applied objects when the Kustomization itself is deleted (`spec.deletionPolicy`). */
export enum DeletionPolicy {
  /** Delete them when `prune` is on, keep them otherwise (Flux's default). */
  MIRROR_PRUNE = 'MirrorPrune',
  /** Delete them. */
  DELETE = 'Delete',
  /** Delete them and wait until they are gone. */
  WAIT_FOR_TERMINATION = 'WaitForTermination',
  /** Keep them in the cluster. */
  ORPHAN = 'Orphan',
}

/** When `${var}` substitution runs (`spec.postBuild.substituteStrategy`). */
export enum SubstituteStrategy {
  /** Only when at least one variable is defined (Flux's default). */
  WITH_VARIABLES = 'WithVariables',
  /** Always, so that `${var:=default}` takes its default even with no variable defined. */
  ALWAYS = 'Always',
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
   * When substitution runs.
   * @default SubstituteStrategy.WITH_VARIABLES (Flux's default)
   */
  readonly substituteStrategy?: SubstituteStrategy;
  /**
   * Patches applied to the built manifests.
   * @default none
   */
  readonly patches?: readonly KustomizationPatch[];
  /**
   * Image names, tags or digests changed in the built manifests.
   * @default none
   */
  readonly images?: readonly ImageOverride[];
  /**
   * Folders of Kustomize Components, relative to `path`, added to the build.
   * @default none
   */
  readonly components?: readonly string[];
  /**
   * Build even when a folder of `components` is missing.
   * @default false
   */
  readonly ignoreMissingComponents?: boolean;
  /**
   * Prefix added to the name of every applied object.
   * @default none
   */
  readonly namePrefix?: string;
  /**
   * Suffix added to the name of every applied object.
   * @default none
   */
  readonly nameSuffix?: string;
  /**
   * Labels and annotations set on every applied object.
   * @default none
   */
  readonly commonMetadata?: CommonMetadata;
  /**
   * Build metadata added to the applied objects.
   * @default none
   */
  readonly buildMetadata?: readonly BuildMetadata[];
  /**
   * Objects to wait for to be ready, beside or instead of `wait`.
   * @default none
   */
  readonly healthChecks?: readonly HealthCheckTarget[];
  /**
   * How the health of custom resources is decided.
   * @default the kstatus rules
   */
  readonly healthCheckExprs?: readonly HealthCheckExpr[];
  /**
   * Fields drift correction leaves alone.
   * @default none
   */
  readonly ignore?: readonly DriftIgnoreRule[];
  /**
   * How the encrypted files of the folder are decrypted.
   * @default an application folder holding encrypted files is decrypted with the cluster's key; otherwise none
   */
  readonly decryption?: KustomizationDecryption;
  /**
   * The remote cluster the manifests are applied to.
   * @default the cluster the controller runs in
   */
  readonly kubeConfig?: KubeConfig;
  /**
   * What happens to the applied objects when this Kustomization is deleted.
   * @default DeletionPolicy.MIRROR_PRUNE (Flux's default)
   */
  readonly deletionPolicy?: DeletionPolicy;
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
  /**
   * The Secret whose kubeconfig names the remote cluster this Kustomization applies to; undefined when it applies to
   * its own cluster (or reaches another through a ConfigMap's workload identity).
   */
  public readonly kubeConfigSecretName?: string;
  /** The folder of the source it builds (`spec.path`), as given; undefined for the source's root. */
  public readonly path?: string;
  private readonly dependencies: IKustomization[];
  private decryption: () => DecryptionEntry | undefined;

  constructor(scope: Construct, id: string, props: KustomizationProps) {
    const c = new FluxSpecContext(scope, id, Kustomization.KIND, props);
    const dependencies = [...(props.dependsOn ?? [])];
    const substitute =
      props.substitute && Object.keys(props.substitute).length > 0 ? { ...props.substitute } : undefined;
    const kubeConfig = props.kubeConfig?._render(c.namespace, c.where('kubeConfig'), c);
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
        produce: () => this.decryption(),
      }) as kustomize.KustomizationSpecDecryption,
      postBuild: postBuild(c, substitute, props.substituteFrom ?? [], props.substituteStrategy),
      patches: renderPatches(props.patches),
      images: renderImageOverrides(props.images, 'images', (f) => c.where(f), c),
      components: props.components?.map((p, i) => c.nonEmpty(`components[${i}]`, p, COMPONENT_FIX) as string),
      ignoreMissingComponents: props.ignoreMissingComponents,
      namePrefix: c.nonEmpty('namePrefix', props.namePrefix, 'give a prefix, or leave namePrefix out'),
      nameSuffix: c.nonEmpty('nameSuffix', props.nameSuffix, 'give a suffix, or leave nameSuffix out'),
      commonMetadata: renderCommonMetadata(props.commonMetadata),
      buildMetadata: props.buildMetadata?.map((b) => b as unknown as kustomize.KustomizationSpecBuildMetadata),
      healthChecks: props.healthChecks?.map(healthCheckRef),
      healthCheckExprs: renderHealthCheckExprs(props.healthCheckExprs, (f) => c.where(f), c),
      ignore: renderDriftIgnoreRules(props.ignore, 'ignore', (f) => c.where(f), c),
      kubeConfig,
      deletionPolicy: props.deletionPolicy as unknown as kustomize.KustomizationSpecDeletionPolicy | undefined,
      serviceAccountName: props.serviceAccountName,
      suspend: props.suspend,
    });
    this.source = props.source;
    this.kubeConfigSecretName = kubeConfig?.secretRef?.name;
    this.path = props.path;
    this.dependencies = dependencies;
    const decryption = props.decryption?._render(c.namespace, c.where('decryption'), c);
    this.decryption = () => decryption;
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
    const name = typeof secretName === 'string' ? () => secretName : secretName;
    this.decryption = () => {
      const secret = name();
      return secret === undefined ? undefined : { provider: 'sops', secretRef: { name: secret } };
    };
  }
}

/** `spec.postBuild`: the variables and the objects they are read from; unset when there are none. */
function postBuild(
  c: FluxSpecContext<'Kustomization', kustomize.KustomizationSpec>,
  substitute: Record<string, string> | undefined,
  substituteFrom: readonly SubstituteFrom[],
  substituteStrategy: SubstituteStrategy | undefined,
): kustomize.KustomizationSpecPostBuild | undefined {
  const from = substituteFrom.map((s, i) => s._render(c.namespace, c.where(`substituteFrom[${i}]`), c));
  if (substitute === undefined && from.length === 0 && substituteStrategy === undefined) return undefined;
  return {
    substitute,
    substituteFrom: from.length === 0 ? undefined : (from as kustomize.KustomizationSpecPostBuildSubstituteFrom[]),
    substituteStrategy: substituteStrategy as unknown as kustomize.KustomizationSpecPostBuildSubstituteStrategy,
  };
}
