import { AgeStanza, ForeignStanza, MasterKeyStanza, PgpStanza } from '../keys/master-key';
import { DEFAULT_ENCRYPTION_RULE, EncryptionRule, RULE_KINDS } from './encryption-rule';
import { SopsError } from '../errors';
import { formatFloatF } from '../go/float';
import { normalizeRfc3339 } from '../go/time';
import { SopsEntry, SopsMap, SopsScalar, SopsValue, entry, list, map } from './tree';

/**
 * The `sops` metadata block: reading every layout sops has written (struct order up to 3.12, sorted keys in 3.13,
 * empty or null key lists, `key_groups`) and writing the sops 3.13 layout (keys sorted byte-wise at every level).
 */

/** The sops version whose file layout this library writes. */
export const SOPS_FORMAT_VERSION = '3.13.2';

/** The metadata of a sops file. */
export interface SopsMetadata {
  /** The key groups: one group unless the data key is split with Shamir's scheme. */
  readonly keyGroups: readonly (readonly MasterKeyStanza[])[];
  /** How many key groups are needed to recover the data key; 0 when the file has a single group. */
  readonly shamirThreshold: number;
  /** `lastmodified` as written (RFC 3339); it is the MAC's additional data. */
  readonly lastModified: string;
  /** The encrypted MAC (`ENC[...]`), or `''` when the file has none. */
  readonly mac: string;
  /** The file's encryption rule (the default `unencrypted_suffix: _unencrypted` when it names none). */
  readonly encryptionRule: EncryptionRule;
  /** Only encrypted values are covered by the MAC. */
  readonly macOnlyEncrypted: boolean;
  /** The sops version that wrote the file. */
  readonly version: string;
}

// The order sops builds a key group in (stores.go:internalGroupFrom).
const GROUP_ORDER = ['kms', 'gcp_kms', 'hckms', 'azure_kv', 'hc_vault', 'pgp', 'age'] as const;

/** The error for metadata that cannot be read. */
function metadataError(file: string | undefined, problem: string): SopsError {
  return new SopsError({
    code: 'metadata',
    file,
    problem,
    fix: 'restore the sops metadata from version control, or re-encrypt the file',
  });
}

/** The text of a scalar as mapstructure's weak typing turns it into a Go string. */
function scalarText(value: SopsValue | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  switch (value.type) {
    case 'str':
    case 'time':
      return value.value;
    case 'int':
      return value.value.toString();
    case 'float':
      return formatFloatF(value.value);
    case 'bool':
      return value.value ? '1' : '0';
    default:
      return undefined;
  }
}

function fields(node: SopsMap): Map<string, SopsValue> {
  const out = new Map<string, SopsValue>();
  for (const item of node.items) {
    if (item.type === 'entry') {
      out.set(item.key, item.value);
    }
  }
  return out;
}

/** A tree value as plain JavaScript data (for master keys this library cannot use, kept to be written back). */
function treeToPlain(value: SopsValue): unknown {
  switch (value.type) {
    case 'map':
      return Object.fromEntries(
        value.items.filter((i): i is SopsEntry => i.type === 'entry').map((i) => [i.key, treeToPlain(i.value)]),
      );
    case 'list':
      return value.items.filter((i): i is SopsValue => i.type !== 'comment').map((i) => treeToPlain(i));
    case 'null':
      return null;
    case 'int': {
      const n = Number(value.value);
      return Number.isSafeInteger(n) ? n : value.value.toString();
    }
    case 'bytes':
      return Buffer.from(value.value).toString('base64');
    default:
      return value.value;
  }
}

/** Plain JavaScript data as a tree, mapping keys sorted byte-wise as sops 3.13 writes them. */
function plainToTree(value: unknown): SopsValue {
  if (value === null || value === undefined) {
    return { type: 'null' };
  }
  if (Array.isArray(value)) {
    return list(value.map(plainToTree));
  }
  switch (typeof value) {
    case 'string':
      return { type: 'str', value };
    case 'boolean':
      return { type: 'bool', value };
    case 'number':
      return Number.isInteger(value) ? { type: 'int', value: BigInt(value) } : { type: 'float', value };
    case 'bigint':
      return { type: 'int', value };
    case 'object':
      return map(
        Object.keys(value)
          .sort(compareBytes)
          .map((k) => entry(k, plainToTree((value as Record<string, unknown>)[k]))),
      );
    default:
      throw new TypeError(`cannot write a ${typeof value} in sops metadata`);
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function readList(value: SopsValue | undefined, what: string, file: string | undefined): SopsMap[] {
  if (value === undefined || value.type === 'null') {
    return [];
  }
  if (value.type !== 'list') {
    throw metadataError(file, `sops.${what} is not a list`);
  }
  return value.items
    .filter((i) => i.type !== 'comment')
    .map((i) => {
      if (i.type !== 'map') throw metadataError(file, `an entry of sops.${what} is not a mapping`);
      return i;
    });
}

function readStanza(type: (typeof GROUP_ORDER)[number], node: SopsMap, file: string | undefined): MasterKeyStanza {
  const f = fields(node);
  const text = (key: string): string => scalarText(f.get(key)) ?? '';
  if (type === 'age') {
    const stanza: AgeStanza = { type: 'age', recipient: text('recipient'), enc: text('enc') };
    if (!stanza.enc) {
      throw metadataError(file, `the age key ${stanza.recipient || '(no recipient)'} has no enc value`);
    }
    return stanza;
  }
  if (type === 'pgp') {
    const stanza: PgpStanza = { type: 'pgp', fp: text('fp'), enc: text('enc'), createdAt: text('created_at') };
    if (!stanza.enc) {
      throw metadataError(file, `the pgp key ${stanza.fp || '(no fp)'} has no enc value`);
    }
    return stanza;
  }
  return { type, raw: treeToPlain(node) as Record<string, unknown> } satisfies ForeignStanza;
}

function readGroup(fieldsOf: Map<string, SopsValue>, where: string, file: string | undefined): MasterKeyStanza[] {
  return GROUP_ORDER.flatMap((type) =>
    readList(fieldsOf.get(type), `${where}${type}`, file).map((node) => readStanza(type, node, file)),
  );
}

/** Parses the value of a file's `sops` key. Throws {@link SopsError} `metadata` for anything sops would reject. */
export function parseMetadata(node: SopsValue, file?: string): SopsMetadata {
  if (node.type !== 'map') {
    throw metadataError(file, 'the sops metadata is not a mapping');
  }
  const f = fields(node);
  const lastModified = scalarText(f.get('lastmodified'));
  if (lastModified === undefined || lastModified === '') {
    throw metadataError(file, 'sops.lastmodified is missing');
  }
  if (normalizeRfc3339(lastModified) === undefined) {
    throw metadataError(file, `sops.lastmodified "${lastModified.slice(0, 40)}" is not an RFC 3339 time`);
  }
  const rules = RULE_KINDS.flatMap((kind): EncryptionRule[] => {
    const pattern = scalarText(f.get(kind));
    return pattern ? [{ kind, pattern }] : [];
  });
  if (rules.length > 1) {
    throw metadataError(file, `the metadata sets ${rules.map((r) => r.kind).join(' and ')}; sops allows one`);
  }
  let keyGroups: MasterKeyStanza[][] = [];
  const topLevel = readGroup(f, '', file);
  if (topLevel.length > 0) {
    keyGroups = [topLevel];
  } else {
    keyGroups = readList(f.get('key_groups'), 'key_groups', file).map((group, i) =>
      readGroup(fields(group), `key_groups[${i}].`, file),
    );
  }
  if (keyGroups.length === 0) {
    throw metadataError(file, 'the metadata lists no master keys');
  }
  const threshold = scalarText(f.get('shamir_threshold'));
  const macOnly = f.get('mac_only_encrypted');
  return {
    keyGroups,
    shamirThreshold: threshold && /^\d+$/.test(threshold) ? Number(threshold) : 0,
    lastModified,
    mac: scalarText(f.get('mac')) ?? '',
    encryptionRule: rules[0] ?? DEFAULT_ENCRYPTION_RULE,
    macOnlyEncrypted: macOnly?.type === 'bool' ? macOnly.value : ['true', '1'].includes(scalarText(macOnly) ?? ''),
    version: scalarText(f.get('version')) ?? '',
  };
}

function stanzaTree(stanza: MasterKeyStanza): SopsMap {
  switch (stanza.type) {
    case 'age':
      return map([entry('enc', str(stanza.enc)), entry('recipient', str(stanza.recipient))]);
    case 'pgp':
      return map([
        entry('created_at', str(stanza.createdAt)),
        entry('enc', str(stanza.enc)),
        entry('fp', str(stanza.fp)),
      ]);
    default:
      return plainToTree(stanza.raw) as SopsMap;
  }
}

function str(value: string): SopsScalar {
  return { type: 'str', value };
}

function byType(group: readonly MasterKeyStanza[]): Map<string, SopsMap[]> {
  const out = new Map<string, SopsMap[]>();
  for (const stanza of group) {
    out.set(stanza.type, [...(out.get(stanza.type) ?? []), stanzaTree(stanza)]);
  }
  return out;
}

/** Builds the `sops` mapping in the sops 3.13 layout: keys sorted byte-wise, empty values left out. */
export function metadataToTree(metadata: SopsMetadata): SopsMap {
  const top = new Map<string, SopsValue>();
  if (metadata.keyGroups.length === 1) {
    for (const [type, stanzas] of byType(metadata.keyGroups[0])) {
      top.set(type, list(stanzas));
    }
  } else {
    const groups = metadata.keyGroups.map((group) => {
      const lists = byType(group);
      // In key groups, `age` and `hc_vault` are written even when empty (no omitempty in sops' keygroup struct).
      const keys = new Set<string>(['age', 'hc_vault', ...lists.keys()]);
      return map([...keys].sort(compareBytes).map((k) => entry(k, list(lists.get(k) ?? []))));
    });
    top.set('key_groups', list(groups));
  }
  top.set('lastmodified', str(metadata.lastModified));
  top.set('mac', str(metadata.mac));
  if (metadata.macOnlyEncrypted) {
    top.set('mac_only_encrypted', { type: 'bool', value: true });
  }
  if (metadata.shamirThreshold > 0 && metadata.keyGroups.length > 1) {
    top.set('shamir_threshold', { type: 'int', value: BigInt(metadata.shamirThreshold) });
  }
  top.set(metadata.encryptionRule.kind, str(metadata.encryptionRule.pattern));
  top.set('version', str(metadata.version));
  return map([...top.keys()].sort(compareBytes).map((k) => entry(k, top.get(k)!)));
}
