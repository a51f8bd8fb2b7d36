// The public API of cdk8s-flux. Everything a user imports is exported here, by name.

// Errors
export { FluxValidationError, type Issue, formatIssue } from './errors';

// Durations
export { FLUX_DURATION_PATTERN, type FluxDuration, formatMilliseconds, renderDuration } from './duration';

// Flux resources
export { ExternalObject, type ExternalObjectOptions } from './flux/external-object';
export { FLUX_SYSTEM_NAMESPACE, type FluxResourceProps, type INamespaceScope } from './flux/flux-resource-props';
export { GitRef } from './flux/git-ref';
export { GitRepository, type GitRepositoryProps, type IGitRepository } from './flux/git-repository';
export { type ChartOptions, ChartReconcileStrategy, HelmChartSource } from './flux/helm-chart-source';
export {
  CrdPolicy,
  DriftDetectionMode,
  HelmRelease,
  type HelmReleaseProps,
  type IHelmRelease,
  type InstallOptions,
  type ReleaseActionOptions,
  ReleaseStrategy,
  type UpgradeOptions,
  UpgradeRemediation,
  ValuesFrom,
  type ValuesFromOptions,
} from './flux/helm-release';
export {
  HelmRepository,
  type HelmRepositoryProps,
  HelmRepositoryType,
  type IHelmRepository,
} from './flux/helm-repository';
export {
  type IKustomization,
  Kustomization,
  type KustomizationOptions,
  type KustomizationPatch,
  type KustomizationProps,
  type KustomizationSource,
} from './flux/kustomization';
export { type IReferenceable, type ObjectRef } from './flux/object-ref';
export { OciRef } from './flux/oci-ref';
export { HELM_CHART_MEDIA_TYPE, OciLayerOperation, OciLayerSelector } from './flux/oci-layer-selector';
export { type HelmValues, mergeHelmValues } from './flux/helm-values';
export { type IOciRepository, OciProvider, OciRepository, type OciRepositoryProps } from './flux/oci-repository';

// The repository tree
export { Application, type ApplicationOptions } from './repo/application';
export { FluxApp, type FluxAppProps } from './repo/flux-app';
export { FluxComponents } from './repo/flux-components';
export { type FluxSystemCustomization } from './repo/flux-system-customization';
export { GOTK_COMPONENTS, GOTK_SYNC } from './repo/flux-system-folder';
export { GitOpsRepository, type GitOpsRepositoryProps } from './repo/gitops-repository';
export { Layer, LayerName } from './repo/layer';
export { TreeFolder } from './repo/tree-folder';

// SOPS: key sources
export { AgeRecipient } from './sops/keys/age-recipient';
export { AgeIdentities, parseAgeIdentities } from './sops/keys/age-identities';
export { AgeKeyCommand } from './sops/keys/age-key-command';
export { PgpRecipient, PgpPublicKeys } from './sops/keys/pgp-recipient';
export { PgpIdentities, type PgpIdentitiesOptions } from './sops/keys/pgp-identities';
export { type PgpKeySource } from './sops/keys/pgp-key-source';
export { GpgKeyring, GpgRecipient } from './sops/keys/gpg-keyring';
export { type GpgProgramOptions } from './sops/keys/gpg-program';
export { normalizeFingerprint } from './sops/keys/fingerprint';
export { defaultKeyUnwrappers, defaultAgeKeyFile, type DefaultKeyUnwrappersOptions } from './sops/keys/identities';
export { parseRecipient, resolveRecipient, type RecipientOptions } from './sops/keys/recipients';
export {
  type MasterKeyStanza,
  type AgeStanza,
  type PgpStanza,
  type Recipient,
  type KeyUnwrapper,
} from './sops/keys/master-key';

// SOPS: .sops.yaml
export { findSopsConfig, SOPS_CONFIG_NAME } from './sops/config/find-sops-config';
export { readSopsConfig, parseSopsConfig } from './sops/config/parse-sops-config';
export {
  EncryptionRuleKind,
  type EncryptionRule,
  type SopsConfig,
  type SopsConfigRule,
  type SopsKeyGroup,
} from './sops/config/sops-config';
export {
  loadCreationRule,
  matchCreationRule,
  resolveCreationRule,
  sopsRulePath,
  type CreationRule,
  type MatchedRule,
  type LoadCreationRuleOptions,
  type ResolveCreationRuleOptions,
} from './sops/config/creation-rule';
export { renderSopsConfig, type RenderSopsConfigOptions } from './sops/config/render-sops-config';

// SOPS: files
export {
  decryptSopsFile,
  decryptWithDataKey,
  editSopsFile,
  encryptSopsFile,
  type DecryptSopsFileOptions,
  type DecryptWithDataKeyOptions,
  type DecryptedDocument,
  type DecryptedSopsFile,
  type EditSopsFileOptions,
  type EncryptSopsFileOptions,
  type EncryptionRuleOptions,
} from './sops/document';
export { rotateSopsFile, updateSopsKeys, type RekeyOptions, type RotateOptions } from './sops/rekey';
export {
  isSopsEncrypted,
  readSopsMetadata,
  type ReadSopsMetadataOptions,
  type SopsFileInfo,
  type SopsRecipientInfo,
  type SopsValueInfo,
} from './sops/inspect';
export { detectFormat, type SopsFormat } from './sops/format';
export { SopsError, type SopsErrorCode, type SopsErrorDetails } from './sops/errors';

// SOPS: secrets in the tree
export { SopsSecret, type SopsSecretOptions } from './sops/sops-secret';
export { type SopsDecryptionKey } from './repo/sops-decryption';
export { generateSopsConfig, SECRET_ENCRYPTED_REGEX, sopsCreationRules } from './sops/sops-config-for-app';
export { type ResolvedSopsKey } from './repo/gitops-repository';

// Rendering
export { type ITreeFile } from './render/tree-file';
export { KUSTOMIZATION_FILE, type TreePlan } from './render/plan-tree';
export { MANIFEST_FILE, type WriteResult } from './render/write-tree';

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
} from './validate/schema';
export { type RecordCheck, validateRecords } from './validate/validate-records';
export { allowPlaintextSecret } from './validate/secret-guard';
export { type IValidatedConstruct } from './validate/validated-construct';
export { type ManifestRecord } from './validate/record';
export { type CheckContext } from './validate/check-context';
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

// Checking a committed tree
export { compareTree, type TreeDifference } from './check/compare-tree';

// Snapshot testing
export { MASK, hasSopsCiphertext, maskSopsCiphertext } from './testing/mask-sops-ciphertext';
export { sopsSnapshotSerializer, type TextSnapshotSerializer } from './testing/snapshot-serializer';
export { synthSnapshot, synthTreeOf } from './testing/synth-snapshot';

// The command line
export { type CliCommand, COMMANDS, runCli } from './cli/main';
export { type CliIo, EXIT_FAILURE, EXIT_PROBLEMS, EXIT_USAGE } from './cli/io';
export { runSecret, SECRET_USAGE } from './cli/secret-command';
export { type SecretCommandOptions } from './cli/secret-context';
export { type EditorRun, type EditorSpawner } from './cli/editor';
export { CHECK_USAGE, runCheck } from './cli/check-command';
export { runValidate, VALIDATE_USAGE } from './cli/validate-command';
