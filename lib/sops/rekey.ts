import { generateDataKey, unwrapDataKey, wrapDataKey } from './core/data-key';
import { SopsFormat } from './stores/format';
import { KeyUnwrapper, Recipient } from './keys/master-key';
import { SOPS_FORMAT_VERSION, SopsMetadata } from './core/metadata';
import { compileFileRule, decryptLoaded, loadEncrypted, seal, writeEncrypted } from './load-and-seal';

/** Changing who can decrypt a file (`sops updatekeys`) and replacing its data key (`sops rotate`). */

/** Options of {@link updateSopsKeys} and {@link rotateSopsFile}. */
export interface RekeyOptions {
  /** The store of the file. */
  readonly format: SopsFormat;
  /** Key sources that can recover the current data key. */
  readonly unwrappers: readonly KeyUnwrapper[];
  /** The new key groups. */
  readonly keyGroups: readonly (readonly Recipient[])[];
  /** With several key groups, how many are needed. @default - the file's threshold if the group count is unchanged, else all groups */
  readonly shamirThreshold?: number;
  /** The file's name, for error messages. @default "sops file" */
  readonly fileName?: string;
}

function threshold(options: RekeyOptions, metadata: SopsMetadata): number | undefined {
  if (options.shamirThreshold !== undefined) {
    return options.shamirThreshold;
  }
  return options.keyGroups.length === metadata.keyGroups.length && metadata.shamirThreshold > 0
    ? metadata.shamirThreshold
    : undefined;
}

/**
 * Re-wraps a file's data key for new key groups (`sops updatekeys`): the values, MAC and `lastmodified` are left as
 * they are; only the master keys change. Unlike sops, which reads no value, the values are decrypted (in memory, never
 * kept) and checked against the MAC first: a file whose values were changed without sops is refused, not handed on
 * to new recipients as if it were sound.
 */
export async function updateSopsKeys(text: string, options: RekeyOptions): Promise<string> {
  const loaded = loadEncrypted(text, options.format, options.fileName);
  const dataKey = await unwrapDataKey(loaded.metadata, options.unwrappers, options.fileName);
  decryptLoaded(loaded, dataKey, options.fileName);
  const wrapped = await wrapDataKey(dataKey, options.keyGroups, threshold(options, loaded.metadata));
  return writeEncrypted(
    loaded.documents,
    { ...loaded.metadata, keyGroups: wrapped.keyGroups, shamirThreshold: wrapped.shamirThreshold },
    options.format,
  );
}

/** Options of {@link rotateSopsFile}. */
export interface RotateOptions extends RekeyOptions {
  /** The time written as `lastmodified`. @default - now */
  readonly now?: Date;
}

/**
 * Re-encrypts a file with a fresh data key (`sops rotate`), wrapped for `keyGroups`. The file is fully decrypted and
 * its MAC verified first; rules and `mac_only_encrypted` are kept.
 */
export async function rotateSopsFile(text: string, options: RotateOptions): Promise<string> {
  const loaded = loadEncrypted(text, options.format, options.fileName);
  const oldKey = await unwrapDataKey(loaded.metadata, options.unwrappers, options.fileName);
  const { documents } = decryptLoaded(loaded, oldKey, options.fileName);
  const dataKey = generateDataKey();
  const wrapped = await wrapDataKey(dataKey, options.keyGroups, threshold(options, loaded.metadata));
  return seal(documents, {
    format: options.format,
    dataKey,
    keyGroups: wrapped.keyGroups,
    shamirThreshold: wrapped.shamirThreshold,
    rule: compileFileRule(loaded.metadata.encryptionRule, 'metadata', options.fileName),
    macOnlyEncrypted: loaded.metadata.macOnlyEncrypted,
    version: SOPS_FORMAT_VERSION,
    now: options.now ?? new Date(),
    file: options.fileName,
  });
}
