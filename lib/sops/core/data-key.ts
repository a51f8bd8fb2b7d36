import { randomBytes } from 'crypto';
import { KeyUnwrapper, MasterKeyStanza, Recipient } from '../keys/master-key';
import { SopsError } from '../errors';
import { SopsMetadata } from './metadata';
import { shamirCombine, shamirSplit } from './shamir';

/**
 * The data key: 32 random bytes, wrapped for every master key. With more than one key group it is first split with
 * Shamir's scheme and every key of group i wraps share i (`sops.go:UpdateMasterKeysWithKeyServices`,
 * `GetDataKeyWithKeyServices`).
 */

/** Length of a sops data key. */
const DATA_KEY_LENGTH = 32;

/** Draws a fresh data key. */
export function generateDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_LENGTH);
}

/** Key groups of master key stanzas and the Shamir threshold to write with them. */
export interface WrappedDataKey {
  readonly keyGroups: MasterKeyStanza[][];
  /** 0 for a single group. */
  readonly shamirThreshold: number;
}

function invalid(problem: string, fix: string): never {
  throw new SopsError({ code: 'invalid-options', problem, fix });
}

/**
 * Wraps `dataKey` for every recipient of every key group. With several groups the key is split so that any
 * `shamirThreshold` groups (default: all of them) recover it.
 */
export async function wrapDataKey(
  dataKey: Uint8Array,
  keyGroups: readonly (readonly Recipient[])[],
  shamirThreshold?: number,
): Promise<WrappedDataKey> {
  if (keyGroups.length === 0) {
    invalid('no key groups were given', 'pass at least one group with at least one age or PGP recipient');
  }
  keyGroups.forEach((group, i) => {
    if (group.length === 0) {
      invalid(`key group ${i + 1} has no recipients`, 'give every key group at least one recipient');
    }
  });
  let parts: Uint8Array[] = [dataKey];
  let threshold = 0;
  if (keyGroups.length > 1) {
    threshold = shamirThreshold && shamirThreshold > 0 ? shamirThreshold : keyGroups.length;
    if (threshold < 2 || threshold > keyGroups.length) {
      invalid(
        `shamir threshold ${threshold} does not fit ${keyGroups.length} key groups`,
        `use a threshold between 2 and ${keyGroups.length}`,
      );
    }
    parts = shamirSplit(dataKey, keyGroups.length, threshold);
  }
  const wrapped: MasterKeyStanza[][] = [];
  for (const [i, group] of keyGroups.entries()) {
    const stanzas: MasterKeyStanza[] = [];
    for (const recipient of group) {
      stanzas.push(await recipient.wrap(parts[i]));
    }
    wrapped.push(stanzas);
  }
  return { keyGroups: wrapped, shamirThreshold: threshold };
}

// sops tries age keys first, then PGP (DefaultDecryptionOrder); other kinds cannot be used here.
const DECRYPTION_ORDER: readonly string[] = ['age', 'pgp'];

function describe(stanza: MasterKeyStanza): string {
  switch (stanza.type) {
    case 'age':
      return `age ${stanza.recipient}`;
    case 'pgp':
      return `pgp ${stanza.fp}`;
    default:
      return stanza.type;
  }
}

async function unwrapGroup(
  group: readonly MasterKeyStanza[],
  unwrappers: readonly KeyUnwrapper[],
  failures: string[],
): Promise<Uint8Array | undefined> {
  const ordered = [...group]
    .filter((s) => DECRYPTION_ORDER.includes(s.type))
    .sort((a, b) => DECRYPTION_ORDER.indexOf(a.type) - DECRYPTION_ORDER.indexOf(b.type));
  for (const stanza of ordered) {
    for (const unwrapper of unwrappers) {
      try {
        const part = await unwrapper.unwrap(stanza);
        if (part !== undefined) {
          return part;
        }
      } catch (e) {
        failures.push(`${describe(stanza)} with ${unwrapper.description}: ${(e as Error).message}`);
      }
    }
  }
  return undefined;
}

/**
 * Recovers the data key of a file: one master key of the single group, or one master key in each of at least
 * `shamir_threshold` groups. Throws {@link SopsError} `no-key` listing the keys the file is encrypted for.
 */
export async function unwrapDataKey(
  metadata: SopsMetadata,
  unwrappers: readonly KeyUnwrapper[],
  file?: string,
): Promise<Uint8Array> {
  const failures: string[] = [];
  const groups = metadata.keyGroups;
  const needed = groups.length === 1 ? 1 : metadata.shamirThreshold || groups.length;
  const parts: Uint8Array[] = [];
  for (const group of groups) {
    const part = await unwrapGroup(group, unwrappers, failures);
    if (part) {
      parts.push(part);
      if (parts.length >= needed) {
        break;
      }
    }
  }
  if (parts.length < needed) {
    const keys = groups.map((g, i) => `${groups.length > 1 ? `group ${i + 1}: ` : ''}${g.map(describe).join(', ')}`);
    const tried = unwrappers.map((u) => u.description).join('; ') || 'no key sources';
    throw new SopsError({
      code: 'no-key',
      file,
      problem:
        `cannot recover the data key${groups.length > 1 ? ` (${parts.length} of ${needed} key groups unlocked)` : ''}; ` +
        `the file is encrypted for ${keys.join(' | ')}; tried ${tried}` +
        (failures.length ? `; errors: ${failures.join('; ')}` : ''),
      fix: 'provide a private key for one of the listed recipients',
    });
  }
  const dataKey = groups.length === 1 ? parts[0] : combine(parts, file);
  if (![16, 24, 32].includes(dataKey.length)) {
    throw new SopsError({
      code: 'no-key',
      file,
      problem: `the recovered data key has ${dataKey.length} bytes; AES needs 32`,
      fix: 'the master key stanza is corrupt; restore the file from version control',
    });
  }
  return dataKey;
}

function combine(parts: Uint8Array[], file: string | undefined): Uint8Array {
  try {
    return shamirCombine(parts);
  } catch (e) {
    throw new SopsError({
      code: 'no-key',
      file,
      problem: `cannot combine the key group shares: ${(e as Error).message}`,
      fix: 'the master key stanzas are corrupt; restore the file from version control',
    });
  }
}
