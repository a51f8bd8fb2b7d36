import { Encrypter, armor } from 'age-encryption';
import { SopsError } from '../errors';
import { AgeStanza, Recipient } from './master-key';

/**
 * An age public key (`age1...`) that data keys are wrapped for, as sops does: one armored age file per recipient,
 * holding the raw data key bytes.
 *
 * X25519 recipients (`age1...`) and the post-quantum hybrid ones (`age1pq1...`) are supported; age plugin and SSH
 * recipients are not.
 *
 * @example
 *   const recipient = AgeRecipient.fromString('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p');
 *   const stanza = await recipient.wrap(dataKey); // { type: 'age', recipient, enc: '-----BEGIN AGE ENCRYPTED FILE-----...' }
 */
export class AgeRecipient implements Recipient {
  /**
   * Parses an age recipient as written in `.sops.yaml` or `--age` (surrounding white space ignored).
   *
   * @param field where the recipient came from, for the error message
   * @throws SopsError when it is not an age recipient this library can encrypt to
   */
  public static fromString(recipient: string, field = 'age'): AgeRecipient {
    const id = recipient.trim();
    if (id.startsWith('ssh-')) {
      throw new SopsError({
        code: 'key',
        field,
        value: id,
        problem: 'is an SSH public key; this library encrypts to native age recipients only',
        fix: 'convert it with "ssh-to-age" and use the age1... recipient it prints',
      });
    }
    try {
      new Encrypter().addRecipient(id);
    } catch {
      throw new SopsError({
        code: 'key',
        field,
        value: id,
        problem: 'is not an age recipient (age plugin recipients are not supported)',
        fix: 'use the "public key: age1..." line that age-keygen printed',
      });
    }
    return new AgeRecipient(id);
  }

  /** Always `age`. */
  public readonly type = 'age' as const;
  /** The recipient, `age1...`. */
  public readonly id: string;

  private constructor(id: string) {
    this.id = id;
  }

  /** Encrypts `dataKey` to this recipient and returns the `sops.age[]` entry. */
  public async wrap(dataKey: Uint8Array): Promise<AgeStanza> {
    const encrypter = new Encrypter();
    encrypter.addRecipient(this.id);
    const file = await encrypter.encrypt(dataKey);
    return { type: 'age', recipient: this.id, enc: armor.encode(file) };
  }
}
