// `cdk8s-flux/sops`: the SOPS engine, usable on its own. It reads, writes, encrypts and decrypts files as sops does,
// and imports nothing else of cdk8s-flux.

// SOPS: key sources
export { AgeRecipient } from './keys/age-recipient';
export { AgeIdentities, parseAgeIdentities } from './keys/age-identities';
export { AgeKeyCommand } from './keys/age-key-command';
export { PgpRecipient, PgpPublicKeys } from './keys/pgp-recipient';
export { PgpIdentities, type PgpIdentitiesOptions } from './keys/pgp-identities';
export { type PgpKeySource } from './keys/pgp-key-source';
export { GpgKeyring, GpgRecipient } from './keys/gpg-keyring';
export { type GpgProgramOptions } from './keys/gpg-program';
export { normalizeFingerprint } from './keys/fingerprint';
export { defaultKeyUnwrappers, defaultAgeKeyFile, type DefaultKeyUnwrappersOptions } from './keys/identities';
export { parseRecipient, resolveRecipient, type RecipientOptions } from './keys/recipients';
export {
  type MasterKeyStanza,
  type AgeStanza,
  type PgpStanza,
  type Recipient,
  type KeyUnwrapper,
} from './keys/master-key';

// SOPS: .sops.yaml
export { findSopsConfig, SOPS_CONFIG_NAME } from './config/find-sops-config';
export { readSopsConfig, parseSopsConfig } from './config/parse-sops-config';
export { type SopsConfig, type SopsConfigRule, type SopsKeyGroup } from './config/sops-config';
export { EncryptionRuleKind, type EncryptionRule } from './core/encryption-rule';
export {
  findCreationRule,
  loadCreationRule,
  matchCreationRule,
  resolveCreationRule,
  sopsConfigFile,
  sopsRulePath,
  type CreationRule,
  type MatchedRule,
  type LoadCreationRuleOptions,
  type ResolveCreationRuleOptions,
  type SopsConfigLookup,
} from './config/creation-rule';
export { renderSopsConfig, type RenderSopsConfigOptions } from './config/render-sops-config';

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
} from './encrypt-decrypt';
export { rotateSopsFile, updateSopsKeys, type RekeyOptions, type RotateOptions } from './rekey';
export {
  isSopsEncrypted,
  readSopsMetadata,
  type ReadSopsMetadataOptions,
  type SopsFileInfo,
  type SopsRecipientInfo,
  type SopsValueInfo,
} from './read-sops-metadata';
export { detectFormat, type SopsFormat } from './stores/format';
export { SopsError, type SopsErrorCode, type SopsErrorDetails } from './errors';
