/**
 * What validation works on: every object of an app (or of a hand-written tree) as plain JSON, with where it came from.
 *
 * The same records serve `synth` (built from constructs) and `cdk8s-flux validate DIR` (read from files), so every
 * check is written once.
 */
export interface ManifestRecord {
  /** The object exactly as it is (or would be) written: apiVersion, kind, metadata, spec... */
  readonly manifest: Record<string, unknown>;
  /** The file that holds it, relative to the tree root (POSIX separators). */
  readonly file?: string;
  /** The cdk8s construct path, for objects made in code. */
  readonly constructPath?: string;
  /**
   * The object lives outside the app (declared on purpose with `fromName`): it is a valid reference target,
   * it is never written and never schema-validatored.
   */
  readonly external?: boolean;
  /** The document is SOPS-encrypted: its `sops` metadata is checked, its encrypted values are not schema-validatored. */
  readonly encrypted?: boolean;
  /**
   * The cluster the object is applied to (the tree root of its repository). Objects of different clusters never meet:
   * whole-tree checks compare records of one cluster at a time. External declarations without a cluster are visible
   * to every cluster.
   * @default one cluster for all records
   */
  readonly cluster?: string;
  /** Why this Secret may hold clear-text data (see `allowPlaintextSecret`); unset for every other object. */
  readonly plaintextSecretReason?: string;
}
