// The public API of cdk8s-flux. Everything a user imports is exported here, by name.

// Errors
export { FluxValidationError, type Issue, formatIssue } from './errors';

// Durations
export { FLUX_DURATION_PATTERN, type FluxDuration, formatMilliseconds, renderDuration } from './duration';

// Flux resources
export { ExternalObject, type ExternalObjectOptions } from './flux/external-object';
export { FLUX_SYSTEM_NAMESPACE, type FluxResourceProps, type INamespaceScope } from './flux/flux-resource-props';
export {
  ArtifactVerification,
  type CosignVerificationOptions,
  type OidcIdentityMatch,
  VerificationProvider,
} from './flux/artifact-verification';
export { type ICheckedValue } from './flux/checked-value';
export { GitRef } from './flux/git-ref';
export {
  type GitInclude,
  GitProvider,
  GitRepository,
  type GitRepositoryProps,
  type GitVerification,
  GitVerificationMode,
  type IGitRepository,
} from './flux/git-repository';
export { type ChartOptions, ChartReconcileStrategy, HelmChartSource } from './flux/helm-chart-source';
export { HelmChart, type HelmChartProps, type IHelmChart } from './flux/helm-chart';
export {
  ChartNameChangeStrategy,
  CrdPolicy,
  DeletionPropagation,
  type DriftDetectionOptions,
  DriftDetectionMode,
  HelmRelease,
  type HelmReleaseProps,
  type IHelmRelease,
  type InstallOptions,
  PostRenderer,
  PostRenderStrategy,
  type ReleaseActionOptions,
  ReleaseStrategy,
  type ReleaseTestFilter,
  type ReleaseTestOptions,
  type RollbackOptions,
  ServerSideApplyMode,
  type UninstallOptions,
  type UpgradeOptions,
  UpgradeRemediation,
  ValuesFrom,
  type ValuesFromOptions,
  WaitStrategy,
} from './flux/helm-release';
export {
  HelmRepository,
  type HelmRepositoryProps,
  HelmRepositoryType,
  type IHelmRepository,
} from './flux/helm-repository';
export {
  BuildMetadata,
  DeletionPolicy,
  type IKustomization,
  Kustomization,
  type KustomizationOptions,
  type KustomizationProps,
  type KustomizationSource,
  SubstituteStrategy,
} from './flux/kustomization';
export { type KustomizationPatch, type PatchTarget } from './flux/kustomize-patch';
export { KustomizationDecryption, type SopsDecryptionOptions } from './flux/kustomization-decryption';
export { KubeConfig, type KubeConfigSecretOptions } from './flux/kube-config';
export { type CommonMetadata } from './flux/common-metadata';
export { type HealthCheckExpr } from './flux/health-check-expr';
export { type HealthCheckTarget, type IVersionedKubeObject } from './flux/health-check-target';
export { type DriftIgnoreRule } from './flux/drift-ignore-rule';
export { type ImageOverride } from './flux/image-override';
export { type IReferenceable, type ObjectRef } from './flux/object-ref';
export { OciRef } from './flux/oci-ref';
export { HELM_CHART_MEDIA_TYPE, OciLayerOperation, OciLayerSelector } from './flux/oci-layer-selector';
export { LabelOperator, LabelRequirement } from './flux/label-requirement';
export { type HelmValues, mergeHelmValues } from './flux/helm-values';
export { type IOciRepository, OciProvider, OciRepository, type OciRepositoryProps } from './flux/oci-repository';
export { Alert, type AlertProps, EventSeverity, type IAlert } from './flux/alert';
export {
  DigestReflectionPolicy,
  type IImagePolicy,
  ImagePolicy,
  type ImagePolicyProps,
  type TagFilter,
} from './flux/image-policy';
export { type IImageRepository, ImageRepository, type ImageRepositoryProps } from './flux/image-repository';
export {
  type CommitOptions,
  type IImageUpdateAutomation,
  ImageUpdateAutomation,
  type ImageUpdateAutomationProps,
  type PushOptions,
  SigningKeyType,
} from './flux/image-update-automation';
export { ImageSetter, ImageSetterPart, type ImageSetterValue } from './flux/image-setter';
export { ImageUpdateStrategy } from './flux/image-update-strategy';
export { TagOrder, TagPolicy } from './flux/tag-policy';
// Bucket, ExternalArtifact, ArtifactGenerator
export { Bucket, BucketProvider, type BucketProps, type IBucket } from './flux/bucket';
export { BucketSts, BucketStsProvider, type LdapStsOptions } from './flux/bucket-sts';
export { ExternalArtifact, type ExternalArtifactProps, type IExternalArtifact } from './flux/external-artifact';
export {
  type ArtifactCopy,
  ArtifactGenerator,
  type ArtifactGeneratorProps,
  type ArtifactGeneratorSourceKind,
  CopyStrategy,
  type GeneratedArtifact,
  type IArtifactGenerator,
} from './flux/artifact-generator';
// The Flux Operator's kinds
export { FluxComponent } from './flux/flux-component';
export { DistributionVariant, type FluxDistribution } from './flux/flux-distribution';
export {
  FLUX_INSTANCE_NAME,
  FluxInstance,
  type FluxInstanceProps,
  type FluxInstanceSync,
  type IFluxInstanceSyncSource,
} from './flux/flux-instance';
export { ClusterSize, ClusterType, type FluxInstanceCluster } from './flux/flux-instance-cluster';
export { type FluxInstanceSharding, type FluxInstanceStorage, ShardStorage } from './flux/flux-instance-sharding';
export {
  FluxInstanceSource,
  FluxInstanceSourceKind,
  type FluxInstanceSourceOptions,
  type GitSyncOptions,
  type OciSyncOptions,
  SyncProvider,
} from './flux/flux-instance-source';
export {
  type IResourceSet,
  InputStrategy,
  ResourceSet,
  ResourceSetInputs,
  type ResourceSetProps,
  type ResourceSetStep,
  type ResourceTemplate,
} from './flux/resource-set';
export {
  type DependencyTarget,
  ResourceSetDependency,
  type ResourceSetDependencyOptions,
} from './flux/resource-set-dependency';
export {
  type ExternalArtifactSelector,
  type IResourceSetInputProvider,
  type InputProviderFilter,
  type InputProviderSchedule,
  InputProviderType,
  ResourceSetInputProvider,
  type ResourceSetInputProviderProps,
} from './flux/resource-set-input-provider';
export { type IProvider, Provider, type ProviderProps } from './flux/provider';
export { PROVIDER_TYPE_RULES, ProviderType, type ProviderTypeRule } from './flux/provider-type';
export { type FilteredResource, type IReceiver, Receiver, type ReceiverProps, ReceiverType } from './flux/receiver';
export { type IKubeObject, type INamedSecret, type SecretSource, externalSecret } from './flux/secret-source';
export { type ConfigMapSource, externalConfigMap } from './flux/config-map-source';
export { SubstituteFrom, type SubstituteFromEntry, type SubstituteFromOptions } from './flux/substitute-from';
export {
  ObjectSelector,
  type ObjectSelectorOptions,
  type SelectedObjectOptions,
  SelectableKind,
  type SelectedObjects,
} from './flux/object-selector';

// The repository tree
export { Application, type ApplicationOptions } from './repo/application';
export { type FolderOptions } from './repo/folder-options';
export { PlainFolder, type PlainFolderOptions } from './repo/plain-folder';
export { ADOPT_ENV, FluxApp, QUIET_ENV, type FluxAppProps } from './repo/flux-app';
export { SynthOutput, SynthOutputKind } from './repo/synth-output';
export { Bootstrap, BootstrapKind, type FluxOperatorBootstrapOptions } from './repo/bootstrap';
export { FluxComponents } from './repo/flux-components';
export { type FluxSystemCustomization } from './repo/flux-system-customization';
export { GOTK_COMPONENTS, GOTK_SYNC } from './repo/flux-system-folder';
export { FLUX_INSTANCE_FILE } from './repo/operator-system-folder';
export { GitOpsRepository, type GitOpsRepositoryProps } from './repo/gitops-repository';
export { Layer, LayerName } from './repo/layer';
export { FolderFile } from './repo/folder-file';
export { TreeFolder, type TreeFolderLocation } from './repo/tree-folder';

// SOPS: secrets in the tree
export { SopsSecret, type SopsSecretOptions } from './secrets/sops-secret';
export { type ResolvedSopsKey, type SopsDecryptionKey } from './secrets/sops-decryption-key';
export {
  generateSopsConfig,
  SECRET_ENCRYPTED_REGEX,
  type SopsConfigOptions,
  sopsCreationRules,
} from './secrets/generate-sops-config';
export { SopsRecipient, SopsRecipientKind } from './secrets/sops-recipient';

// Rendering
export { type ITreeFile } from './render/tree-file';
export { KUSTOMIZATION_FILE } from './render/kustomization-files';
export { ObjectFile } from './render/object-file';
export { type TreePlan } from './repo/plan-tree';
export { WRITTEN_FILES_LIST, type WriteResult } from './render/write-tree';

// Validation
export {
  type FluxKindSchema,
  type NameProblem,
  fluxKindSchema,
  isDns1123Label,
  isDns1123Subdomain,
  validateObjectMeta,
  validateObjectSchemas,
  validateSchema,
} from './validate/schema-validator';
export { type RecordCheck, validateRecords } from './validate/validate-records';
export { allowPlaintextSecret } from './secrets/allow-plaintext-secret';
export { type IValidatedConstruct } from './validate/validated-construct';
export { type ManifestRecord } from './validate/record';
export { type ValidationContext } from './validate/validation-context';
export { checkReferences } from './validate/references';
export { checkDependencyCycles } from './validate/dependency-cycles';
export { checkUniqueness } from './validate/uniqueness';
export { REFERENCE_FIELDS, type ReferenceField } from './validate/reference-fields';
export { readTree, type TreeRead } from './validate/read-tree';
export {
  type ExternalDeclaration,
  parseExternalDeclaration,
  type TreeValidation,
  validateTree,
  type ValidateTreeOptions,
} from './validate/validate-tree';

// Reviewing a tree: the dependency graph
export { dependencyGraphs } from './review/dependency-graph';
export {
  type ClusterGraph,
  type GraphEdge,
  GraphEdgeKind,
  GraphMark,
  type GraphNode,
  GraphNodeKind,
} from './review/graph-model';
export { GraphFormat, renderGraphs } from './review/graph-format';

// Checking a committed tree
export { compareTree, type TreeDifference } from './check/compare-tree';

// Snapshot testing
export { MASK, hasSopsCiphertext, maskSopsCiphertext } from './testing/mask-sops-ciphertext';
export { sopsSnapshotSerializer, type TextSnapshotSerializer } from './testing/snapshot-serializer';
export { synthSnapshot, synthTreeOf } from './testing/synth-snapshot';

// The SOPS engine is `cdk8s-flux/sops` (lib/sops/index.ts); the command line, for embedding, `cdk8s-flux/cli`
// (lib/cli/index.ts).
