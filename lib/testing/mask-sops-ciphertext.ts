/** What masked ciphertext, keys and timestamps are replaced with. */
export const MASK = '<masked>';

const ENC_VALUE = /ENC\[AES256_GCM,data:([^,\]]*),iv:([^,\]]*),tag:([^,\]]*),type:([a-z]+)\]/g;
const ARMORED =
  /(-----BEGIN (?:AGE ENCRYPTED FILE|PGP MESSAGE)-----)[\s\S]*?(-----END (?:AGE ENCRYPTED FILE|PGP MESSAGE)-----)/g;
const TIMESTAMP_FIELD = /^(\s*"?(?:lastmodified|created_at)"?:\s*)(?:"[^"\n]*"|'[^'\n]*'|[^\s,\n]+)/gm;

/**
 * Replaces what changes every time a SOPS file is (re-)encrypted with {@link MASK}: the data, iv and tag of every
 * `ENC[...]` value (its type tag stays), the armored age and PGP blocks that wrap the data key, and the
 * `lastmodified` and `created_at` timestamps. Plaintext is never touched: values a sops rule leaves unencrypted, and
 * every key and comment, stay as they are, so a snapshot still shows what the file holds in clear text.
 */
export function maskSopsCiphertext(text: string): string {
  return text
    .replace(
      ENC_VALUE,
      (_match, _data, _iv, _tag, type: string) => `ENC[AES256_GCM,data:${MASK},iv:${MASK},tag:${MASK},type:${type}]`,
    )
    .replace(ARMORED, (_match, begin: string, end: string) => `${begin}${MASK}${end}`)
    .replace(TIMESTAMP_FIELD, (_match, field: string) => `${field}${MASK}`);
}

/** Whether `text` holds something {@link maskSopsCiphertext} would change. */
export function hasSopsCiphertext(text: string): boolean {
  return maskSopsCiphertext(text) !== text;
}
