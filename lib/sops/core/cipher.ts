import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';

/**
 * The sops value cipher (`aes/cipher.go`): AES-GCM with a 32-byte IV, a 16-byte tag, the value's key path as
 * additional data, written as `ENC[AES256_GCM,data:<b64>,iv:<b64>,tag:<b64>,type:<type>]` (standard base64 with
 * padding). Empty plaintexts are not encrypted at all: they stay empty strings.
 */

/** IV length sops uses when encrypting (decryption accepts any length). */
export const IV_LENGTH = 32;
const TAG_LENGTH = 16;

// The same expression sops uses: greedy groups and no end anchor.
const ENC_FORMAT = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The parts of an `ENC[...]` value. */
export interface EncryptedValue {
  readonly data: Uint8Array;
  readonly iv: Uint8Array;
  readonly tag: Uint8Array;
  readonly type: string;
}

/** Why a value could not be decrypted. */
export class ValueCipherError extends Error {
  constructor(
    /** `format`: not an `ENC[...]` value; `auth`: AES-GCM authentication failed (wrong key, AAD, or tampered). */
    public readonly reason: 'format' | 'auth',
    message: string,
  ) {
    super(message);
    this.name = 'ValueCipherError';
  }
}

function decodeBase64(field: string, text: string): Uint8Array {
  // Go's StdEncoding skips line breaks and insists on padding.
  const clean = text.replace(/[\r\n]/g, '');
  if (!BASE64.test(clean)) {
    throw new ValueCipherError('format', `the ${field} field is not valid base64`);
  }
  return Buffer.from(clean, 'base64');
}

/** True when `text` has the `ENC[AES256_GCM,...]` shape (it may still fail to decrypt). */
export function isEncryptedValue(text: string): boolean {
  return ENC_FORMAT.test(text);
}

/** Splits an `ENC[...]` value into its parts; throws {@link ValueCipherError} `format` when it is not one. */
export function parseEncryptedValue(text: string): EncryptedValue {
  const m = ENC_FORMAT.exec(text);
  if (!m) {
    throw new ValueCipherError('format', 'the value is not in the sops ENC[AES256_GCM,...] format');
  }
  return {
    data: decodeBase64('data', m[1]),
    iv: decodeBase64('iv', m[2]),
    tag: decodeBase64('tag', m[3]),
    type: m[4],
  };
}

function algorithm(key: Uint8Array): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  switch (key.length) {
    case 16:
      return 'aes-128-gcm';
    case 24:
      return 'aes-192-gcm';
    case 32:
      return 'aes-256-gcm';
    default:
      throw new ValueCipherError('auth', `the data key has ${key.length} bytes; AES needs 16, 24 or 32`);
  }
}

/** Encrypts `plaintext` (non-empty) and formats the `ENC[...]` value. A new random IV is used unless one is given. */
export function sealValue(
  plaintext: Uint8Array,
  type: string,
  key: Uint8Array,
  additionalData: string,
  iv: Uint8Array = randomBytes(IV_LENGTH),
): string {
  const cipher = createCipheriv(algorithm(key), key, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
  return `ENC[AES256_GCM,data:${b64(data)},iv:${b64(iv)},tag:${b64(tag)},type:${type}]`;
}

/**
 * Decrypts an `ENC[...]` value. Like Go's `gcm.Open`, the last 16 bytes of data||tag are the tag. Throws
 * {@link ValueCipherError}; the message never contains plaintext.
 */
export function openValue(
  text: string,
  key: Uint8Array,
  additionalData: string,
): { readonly type: string; readonly plaintext: Uint8Array; readonly iv: Uint8Array } {
  const value = parseEncryptedValue(text);
  const sealed = Buffer.concat([value.data, value.tag]);
  if (sealed.length < TAG_LENGTH || value.iv.length === 0) {
    throw new ValueCipherError('format', 'the value is too short to be an AES-GCM ciphertext');
  }
  const decipher = createDecipheriv(algorithm(key), key, value.iv);
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  try {
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH)),
      decipher.final(),
    ]);
    return { type: value.type, plaintext, iv: value.iv };
  } catch {
    throw new ValueCipherError('auth', 'AES-GCM authentication failed');
  }
}

/**
 * Remembers the IV each (type, plaintext, additional data) was decrypted with, so that re-encrypting an unchanged
 * value reproduces the same ciphertext (sops' "stash": `sops edit` keeps diffs to the values that changed).
 */
export class IvStash {
  private readonly ivs = new Map<string, Uint8Array>();

  private static id(type: string, plaintext: Uint8Array, additionalData: string): string {
    return `${type}\u0000${additionalData}\u0000${Buffer.from(plaintext).toString('base64')}`;
  }

  /** Records the IV a value was found with. */
  public remember(type: string, plaintext: Uint8Array, additionalData: string, iv: Uint8Array): void {
    this.ivs.set(IvStash.id(type, plaintext, additionalData), iv);
  }

  /** The IV to reuse for this value, if it was seen. */
  public lookup(type: string, plaintext: Uint8Array, additionalData: string): Uint8Array | undefined {
    return this.ivs.get(IvStash.id(type, plaintext, additionalData));
  }
}
