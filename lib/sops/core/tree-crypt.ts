import { IvStash, ValueCipherError, openValue, sealValue } from './cipher';
import { CompiledRule, EncryptionRuleKind, shouldBeEncrypted } from './encryption-rule';
import { SopsError } from '../errors';
import { MacHasher } from './mac';
import { SopsComment, SopsLeaf, SopsMap, SopsScalar } from './tree';
import { additionalData, mapLeaves } from './tree-walk';
import { decodeValue, scalarToBytes, textToBytes } from './value-codec';

/** Encrypts and decrypts the values of sops documents and computes their MAC. */

/** The settings of one encryption or decryption pass. */
export interface TreeCryptOptions {
  /** The data key. */
  readonly dataKey: Uint8Array;
  /** The file's encryption rule. */
  readonly rule: CompiledRule;
  /** Hash only encrypted values into the MAC. */
  readonly macOnlyEncrypted: boolean;
  /** IVs to reuse for values that did not change (filled on decrypt, read on encrypt). */
  readonly stash?: IvStash;
  /** The file name for error messages. */
  readonly file?: string;
}

/** Encrypts one leaf (empty strings and empty comments stay empty, as sops does). */
export function encryptLeaf(leaf: Exclude<SopsLeaf, { type: 'null' }>, options: TreeCryptOptions, aad: string): string {
  const type = leaf.type;
  const bytes = leaf.type === 'comment' ? textToBytes(leaf.value) : scalarToBytes(leaf);
  if (bytes.length === 0 && (type === 'str' || type === 'comment' || type === 'bytes')) {
    return '';
  }
  const iv = options.stash?.lookup(type, bytes, aad);
  return sealValue(bytes, type, options.dataKey, aad, iv);
}

/** Encrypts the values the rule selects in every document; returns the encrypted documents and the MAC (hex). */
export function encryptDocuments(
  documents: readonly SopsMap[],
  options: TreeCryptOptions,
): { readonly documents: SopsMap[]; readonly mac: string } {
  const mac = new MacHasher(options.macOnlyEncrypted);
  const rule = options.rule;
  const encrypted = documents.map((doc) =>
    mapLeaves(doc, (leaf, ctx) => {
      const isComment = leaf.type === 'comment';
      const encrypt = shouldBeEncrypted(rule, ctx.path, ctx.comments, isComment);
      if (leaf.type === 'comment') {
        if (!encrypt) {
          return leaf;
        }
        const text = encryptLeaf(leaf, options, additionalData(ctx.path));
        if (rule.rule.kind === EncryptionRuleKind.UNENCRYPTED_COMMENT_REGEX && rule.regex!.test(text)) {
          throw new SopsError({
            code: 'invalid-options',
            file: options.file,
            keyPath: ctx.location,
            problem: `an encrypted comment at ${ctx.location} matches unencrypted_comment_regex`,
            fix: 'use an unencrypted_comment_regex that cannot match ENC[...] text',
          });
        }
        return { type: 'comment', value: text, inline: leaf.inline } satisfies SopsComment;
      }
      if (leaf.type === 'null') {
        return leaf;
      }
      mac.add(scalarToBytes(leaf), encrypt);
      return encrypt ? { type: 'str', value: encryptLeaf(leaf, options, additionalData(ctx.path)) } : leaf;
    }),
  );
  return { documents: encrypted, mac: mac.digest() };
}

/** A value that could not be decrypted but is not fatal (a comment older sops left in clear text). */
export interface DecryptWarning {
  readonly location: string;
  readonly message: string;
}

/**
 * Decrypts every value the rule says is encrypted and recomputes the MAC over the plaintext. Comments that do not
 * decrypt are kept as they are (files from older sops); any value that does not decrypt is an error naming its path.
 */
export function decryptDocuments(
  documents: readonly SopsMap[],
  options: TreeCryptOptions,
): { readonly documents: SopsMap[]; readonly mac: string; readonly warnings: DecryptWarning[] } {
  const mac = new MacHasher(options.macOnlyEncrypted);
  const warnings: DecryptWarning[] = [];
  const rule = options.rule;
  const decrypted = documents.map((doc) =>
    mapLeaves(doc, (leaf, ctx) => {
      const isComment = leaf.type === 'comment';
      const encrypted = shouldBeEncrypted(rule, ctx.path, ctx.comments, isComment);
      const aad = additionalData(ctx.path);
      if (leaf.type === 'comment') {
        if (!encrypted || leaf.value === '') {
          return leaf;
        }
        try {
          const opened = openValue(leaf.value, options.dataKey, aad);
          const value = decodeValue(opened.type, opened.plaintext);
          if (value.kind !== 'comment') {
            throw new ValueCipherError('format', 'not a comment');
          }
          options.stash?.remember('comment', opened.plaintext, aad, opened.iv);
          // sops does not keep the inline flag of a decrypted comment: it prints it on its own line.
          return { type: 'comment', value: value.text, inline: false } satisfies SopsComment;
        } catch {
          warnings.push({
            location: ctx.location,
            message: `a comment ${ctx.location ? `in ${ctx.location}` : 'at the top level'} is not encrypted (written by an older sops); kept as it is`,
          });
          return leaf;
        }
      }
      if (leaf.type === 'null') {
        return leaf;
      }
      let plain: SopsScalar = leaf;
      if (encrypted && !(leaf.type === 'str' && leaf.value === '')) {
        plain = decryptScalar(leaf, options, aad, ctx.location);
      }
      mac.add(scalarToBytes(plain as Exclude<SopsScalar, { type: 'null' }>), encrypted);
      return plain;
    }),
  );
  return { documents: decrypted, mac: mac.digest(), warnings };
}

function decryptScalar(leaf: SopsScalar, options: TreeCryptOptions, aad: string, location: string): SopsScalar {
  const error = (problem: string, fix: string): SopsError =>
    new SopsError({ code: 'value-decrypt', file: options.file, keyPath: location, problem, fix });
  if (leaf.type !== 'str') {
    throw error(
      `the value at ${location} is not encrypted, but the file's encryption rule says it must be`,
      'restore the file from version control or re-encrypt it from its plaintext',
    );
  }
  try {
    const opened = openValue(leaf.value, options.dataKey, aad);
    const value = decodeValue(opened.type, opened.plaintext);
    if (value.kind !== 'scalar') {
      throw new ValueCipherError('format', 'a comment was found where a value belongs');
    }
    options.stash?.remember(opened.type === 'int64' ? 'int' : opened.type, opened.plaintext, aad, opened.iv);
    return value.scalar;
  } catch (e) {
    if (e instanceof ValueCipherError && e.reason === 'auth') {
      throw error(
        `cannot decrypt the value at ${location}: AES-GCM authentication failed`,
        'the value was changed or moved from another key, or the data key is wrong',
      );
    }
    throw error(
      `cannot decrypt the value at ${location}: ${(e as Error).message}`,
      'the value was changed by hand; restore it from version control',
    );
  }
}
