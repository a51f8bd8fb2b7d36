/**
 * The key the cluster decrypts SOPS files with, declared once per repository: its public halves (age recipient and/or
 * PGP fingerprint) and the Flux Secret in the Flux namespace that holds the private key.
 *
 * From it, exactly the applications whose folders hold encrypted files get `decryption` on their Flux Kustomization,
 * every encrypted file is checked to be decryptable by it, and `.sops.yaml` creation rules can be generated.
 *
 * @see https://fluxcd.io/flux/guides/mozilla-sops/
 */
export interface SopsDecryptionKey {
  /**
   * The age recipient (`age1...`) whose identity is in the Secret (key `age.agekey`).
   * @default no age key
   */
  readonly ageRecipient?: string;
  /**
   * The fingerprint of the PGP key in the Secret (key `sops.asc`).
   * @default no PGP key
   */
  readonly pgpFingerprint?: string;
  /**
   * Name of the Secret (in the Flux namespace) holding the private key, created out of band
   * (`kubectl create secret generic sops-gpg --from-file=sops.asc=...`).
   * @default "sops-age" with an age recipient, else "sops-gpg"
   */
  readonly secretName?: string;
}
