import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import { AgeStanza, KeyUnwrapper, MasterKeyStanza, Recipient } from '../../lib/sops/keys/master-key';

/**
 * Test-only key sources. They let the engine be tested end to end before the real age/PGP key sources exist; they
 * are not age: a "recipient" wraps the data key with AES-GCM under a key derived from its name, in an age-shaped
 * armored stanza, so the files they produce have the real sops layout.
 */

const BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const END = '-----END AGE ENCRYPTED FILE-----';

function secretOf(id: string): Buffer {
  return createHash('sha256').update(`fake-age:${id}`).digest();
}

function armor(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

function dearmor(text: string): Buffer {
  return Buffer.from(text.replace(BEGIN, '').replace(END, '').replace(/\s/g, ''), 'base64');
}

/** A recipient named like an age recipient (`age1fake<name>`). */
export class FakeAgeRecipient implements Recipient {
  public readonly type = 'age';
  public readonly id: string;

  constructor(name: string) {
    this.id = `age1fake${name}`;
  }

  public wrap(dataKey: Uint8Array): Promise<AgeStanza> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', secretOf(this.id), iv);
    const sealed = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return Promise.resolve({ type: 'age', recipient: this.id, enc: armor(sealed) });
  }
}

/** Holds the "private keys" of some fake recipients. */
export class FakeUnwrapper implements KeyUnwrapper {
  public readonly description: string;

  constructor(private readonly recipients: readonly FakeAgeRecipient[]) {
    this.description = `fake identities (${recipients.map((r) => r.id).join(', ')})`;
  }

  public unwrap(stanza: MasterKeyStanza): Promise<Uint8Array | undefined> {
    if (stanza.type !== 'age' || !this.recipients.some((r) => r.id === stanza.recipient)) {
      return Promise.resolve(undefined);
    }
    const sealed = dearmor(stanza.enc);
    const decipher = createDecipheriv('aes-256-gcm', secretOf(stanza.recipient), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Promise.resolve(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]));
  }
}

/** Answers every age or PGP stanza with a known data key: the full path with a vector's published data key. */
export function dataKeyUnwrapper(hexKey: string): KeyUnwrapper {
  return {
    description: 'the published data key of a test vector',
    unwrap: (stanza) =>
      Promise.resolve(stanza.type === 'age' || stanza.type === 'pgp' ? Buffer.from(hexKey, 'hex') : undefined),
  };
}
