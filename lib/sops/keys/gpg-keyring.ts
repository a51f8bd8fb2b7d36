import { SopsError } from '../errors';
import { normalizeFingerprint } from './fingerprint';
import { GpgProgram, GpgProgramOptions } from './gpg-program';
import { KeyUnwrapper, MasterKeyStanza, PgpStanza, Recipient } from './master-key';
import { PgpKeySource } from './pgp-key-source';
import { sopsTimestamp } from './pgp-recipient';

/** gpg's words for "this keyring has no private key for the message". */
const NO_SECRET_KEY = /no secret key/i;

/**
 * The user's GnuPG keyring, used through the `gpg` program as sops does: it unwraps PGP stanzas with the private
 * keys gpg holds (gpg-agent, smartcards included) and wraps data keys for the public keys it holds.
 *
 * `GNUPGHOME` and `SOPS_GPG_EXEC` are honoured.
 *
 * @example
 *   const keyring = new GpgKeyring();
 *   const recipient = await keyring.findRecipient('FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4');
 *   const dataKey = await keyring.unwrap(stanza);
 */
export class GpgKeyring implements KeyUnwrapper, PgpKeySource {
  /** True when the gpg program can be started with `env`. */
  public static isAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
    return new GpgProgram({ env }).isAvailable();
  }

  /** `gpg keyring at <GNUPGHOME>`. */
  public readonly description: string;
  private readonly gpg: GpgProgram;

  constructor(options: GpgProgramOptions = {}) {
    this.gpg = new GpgProgram(options);
    this.description = `gpg keyring at ${this.gpg.home}`;
  }

  /**
   * Unwraps a PGP stanza with `gpg --decrypt`.
   *
   * @returns the data key (or Shamir share), or `undefined` when the stanza is not PGP or gpg has no private key for it
   * @throws SopsError when gpg is missing, or holds the key but cannot decrypt (locked key, damaged stanza)
   */
  public async unwrap(stanza: MasterKeyStanza): Promise<Uint8Array | undefined> {
    if (stanza.type !== 'pgp') {
      return undefined;
    }
    const result = await this.gpg.run(['--decrypt'], stanza.enc, 'sops.pgp[].fp');
    if (result.code === 0 && result.stdout.length > 0) {
      return new Uint8Array(result.stdout);
    }
    if (NO_SECRET_KEY.test(result.stderr)) {
      return undefined;
    }
    throw new SopsError({
      code: 'key',
      field: 'sops.pgp[].enc',
      value: stanza.fp,
      problem: `cannot be unwrapped with the ${this.description}: ${lastLines(result.stderr) || 'gpg printed nothing'}`,
      fix: 'unlock the key in gpg-agent (a passphrase-protected key needs a pinentry), or check that the file is intact',
    });
  }

  /**
   * The recipient for a public key in this keyring, or `undefined` when gpg has no key with `fingerprint`.
   *
   * @throws SopsError when gpg is missing
   */
  public async findRecipient(fingerprint: string): Promise<GpgRecipient | undefined> {
    const fp = normalizeFingerprint(fingerprint);
    const listed = await this.gpg.run(['--with-colons', '--list-keys', fp], undefined, 'pgp');
    return listed.code === 0 ? new GpgRecipient(fp, this.gpg, this.description) : undefined;
  }

  /**
   * The armored public key with `fingerprint` (`gpg --export --armor`), or `undefined` when gpg has none; use it to
   * write the key next to the `.sops.yaml` it is named in.
   *
   * @throws SopsError when gpg is missing
   */
  public async exportPublicKey(fingerprint: string): Promise<string | undefined> {
    const fp = normalizeFingerprint(fingerprint);
    const exported = await this.gpg.run(['--armor', '--export', fp], undefined, 'pgp');
    const text = exported.stdout.toString('utf8');
    return exported.code === 0 && text.includes('BEGIN PGP PUBLIC KEY BLOCK') ? text : undefined;
  }
}

/**
 * A public key in the gpg keyring that data keys are wrapped for with `gpg --encrypt`, as sops falls back to: the
 * key is trusted for this run only, and the user's default recipients are not added.
 */
export class GpgRecipient implements Recipient {
  /** Always `pgp`. */
  public readonly type = 'pgp' as const;
  /** The fingerprint, upper-case hex. */
  public readonly id: string;

  /** @internal made by {@link GpgKeyring.findRecipient} */
  constructor(
    fingerprint: string,
    private readonly gpg: GpgProgram,
    private readonly keyring: string,
  ) {
    this.id = fingerprint;
  }

  /**
   * Encrypts `dataKey` with `gpg --encrypt --armor -r <fingerprint>`.
   *
   * @throws SopsError when gpg is missing or cannot encrypt to the key (expired, not in the keyring)
   */
  public async wrap(dataKey: Uint8Array): Promise<PgpStanza> {
    const args = ['--no-default-recipient', '--yes', '--trust-model', 'always', '--no-encrypt-to'];
    const result = await this.gpg.run([...args, '--encrypt', '--armor', '-r', this.id], dataKey, 'pgp');
    const enc = result.stdout.toString('utf8').trim();
    if (result.code !== 0 || !enc.startsWith('-----BEGIN PGP MESSAGE-----')) {
      throw new SopsError({
        code: 'key',
        field: 'pgp',
        value: this.id,
        problem: `cannot be encrypted to with the ${this.keyring}: ${lastLines(result.stderr) || 'gpg printed nothing'}`,
        fix: `import the public key ("gpg --import key.asc") and check that it has not expired`,
      });
    }
    return { type: 'pgp', fp: this.id, enc, createdAt: sopsTimestamp(new Date()) };
  }
}

/** The last few lines of gpg's messages, on one line. */
function lastLines(stderr: string): string {
  return stderr.trim().split('\n').slice(-3).join(' / ');
}
