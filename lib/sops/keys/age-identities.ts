import { Decrypter, armor, identityToRecipient } from 'age-encryption';
import { SopsError } from '../errors';
import { KeyUnwrapper, MasterKeyStanza } from './master-key';
import { readText } from './read-text';

/** What age-encryption says when none of the identities fits the file's recipient stanzas. */
const NO_MATCH = /no identity matched/i;

/**
 * age private keys (`AGE-SECRET-KEY-1...`) that unwrap the `sops.age[]` stanzas encrypted to them.
 *
 * Like sops, every identity is tried on every age stanza; the stanza's `recipient` is not used to choose one.
 *
 * @example
 *   const identities = AgeIdentities.fromFile(`${os.homedir()}/.config/sops/age/keys.txt`);
 *   const dataKey = await identities.unwrap(stanza); // undefined when none of the keys fits
 */
export class AgeIdentities implements KeyUnwrapper {
  /**
   * Reads identities from key-file text (what age-keygen writes, or the value of `SOPS_AGE_KEY`): one or more keys
   * per line separated by white space; empty lines and `#` comments ignored.
   *
   * @param description names the source in error messages (never the key itself)
   * @throws SopsError when a line holds something other than an age identity
   */
  public static fromString(text: string, description = 'age identities'): AgeIdentities {
    return new AgeIdentities(parseAgeIdentities(text, description), description);
  }

  /**
   * Reads an age key file (such as `~/.config/sops/age/keys.txt`).
   *
   * @param description names the source in error messages
   * @default description `age identities from <file>`
   * @throws SopsError when the file cannot be read or holds something other than age identities
   */
  public static fromFile(file: string, description = `age identities from ${file}`): AgeIdentities {
    const text = readText(
      file,
      'age key file',
      'key',
      'check the path, or create the file with "age-keygen -o <file>"',
    );
    return AgeIdentities.fromString(text, description);
  }

  /** Names the source in error messages, e.g. `age identities from SOPS_AGE_KEY`. */
  public readonly description: string;
  /** How many identities were read. */
  public readonly size: number;

  private readonly identities: readonly string[];
  private readonly decrypter = new Decrypter();

  private constructor(identities: readonly string[], description: string) {
    this.identities = identities;
    this.description = description;
    this.size = identities.length;
    for (const identity of identities) {
      this.decrypter.addIdentity(identity);
    }
  }

  /** The recipients (`age1...`) of these identities, in file order. */
  public async recipients(): Promise<string[]> {
    return Promise.all(this.identities.map((identity) => identityToRecipient(identity)));
  }

  /**
   * Unwraps an age stanza with any of these identities.
   *
   * @returns the data key (or Shamir share), or `undefined` when the stanza is not age or is for another key
   * @throws SopsError when the stanza is for one of these keys but cannot be decrypted
   */
  public async unwrap(stanza: MasterKeyStanza): Promise<Uint8Array | undefined> {
    if (stanza.type !== 'age' || this.size === 0) {
      return undefined;
    }
    let file: Uint8Array;
    try {
      file = armor.decode(normalizeArmor(stanza.enc));
    } catch (e) {
      if (!(await this.recipients()).includes(stanza.recipient)) {
        return undefined;
      }
      return this.corrupt(stanza.recipient, e);
    }
    let dataKey: Uint8Array;
    try {
      dataKey = await this.decrypter.decrypt(file);
    } catch (e) {
      if (NO_MATCH.test(String(e))) {
        return undefined;
      }
      return this.corrupt(stanza.recipient, e);
    }
    if (dataKey.length === 0) {
      return this.corrupt(stanza.recipient, new Error('it holds no data key'));
    }
    return dataKey;
  }

  private corrupt(recipient: string, cause: unknown): never {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SopsError({
      code: 'key',
      field: 'sops.age[].enc',
      value: recipient,
      problem: `cannot be unwrapped with ${this.description}: ${reason}`,
      fix: 'the encrypted file is damaged; restore it from version control or encrypt it again',
    });
  }
}

/**
 * Parses age key-file text into identity strings, as sops does: one identity per line, or (sops 3.13) several
 * separated by white space; empty lines and lines starting with `#` are skipped, and so is the rest of a line after
 * a `#` word.
 *
 * @param source names the text in error messages; key material is never printed
 * @throws SopsError when a word is not an age identity
 */
export function parseAgeIdentities(text: string, source: string): string[] {
  if (/^\s*(-----BEGIN AGE ENCRYPTED FILE-----|age-encryption\.org\/)/.test(text)) {
    throw new SopsError({
      code: 'key',
      file: source,
      field: 'age key file',
      problem: 'is itself encrypted with age; this library reads plain key files only',
      fix: 'decrypt it once ("age -d -o keys.txt keys.txt.age") and point SOPS_AGE_KEY_FILE at the result',
    });
  }
  const identities: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const word of line.trim().split(/\s+/)) {
      if (word === '' || word.startsWith('#')) {
        return;
      }
      identities.push(checkIdentity(word, source, index + 1));
    }
  });
  return identities;
}

function checkIdentity(word: string, source: string, line: number): string {
  const where = { file: source, field: `line ${line}` };
  if (word.startsWith('AGE-PLUGIN-')) {
    throw new SopsError({
      code: 'key',
      ...where,
      problem: 'holds an age plugin identity, which this library does not support',
      fix: 'use a native age key (age-keygen) for the files this library reads',
    });
  }
  try {
    new Decrypter().addIdentity(word);
  } catch {
    throw new SopsError({
      code: 'key',
      ...where,
      value: '<not shown: may be secret>',
      problem: 'is not an age identity (AGE-SECRET-KEY-1...)',
      fix: 'keep only AGE-SECRET-KEY-1... lines and # comments in the key file',
    });
  }
  return word;
}

/** Removes indentation and blank lines that YAML or copy-paste may leave in an armored age file. */
function normalizeArmor(enc: string): string {
  return `${enc
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n')}\n`;
}
