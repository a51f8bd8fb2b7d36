import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FluxValidationError, Issue, fail } from '../errors';
import { isPlainObject } from '../sops/base/plain-object';
import { inspectEncryptedDocument } from '../sops/inspect-encrypted-document';
import { SopsFileInfo, readSopsMetadata } from '../sops/read-sops-metadata';
import { decryptSopsFile, editSopsFile } from '../sops/encrypt-decrypt';
import { SopsError } from '../sops/errors';
import { detectFormat } from '../sops/stores/format';
import { writeFileAtomic } from '../render/atomic-write';
import { EditorInterruptedError, runEditor } from './editor';
import { FlagSpec, ParsedFlags } from './parse-flags';
import { SecretContext, keySources, readEncryptedFile } from './secret-context';
import { DECODE_FLAG, decodeSecretData, wantsDecode } from './secret-data-codec';
import { secretKeyProblem } from './secret-manifest';
import { CONFIG_FLAG, TRUST_FILE_METADATA_FLAG, checkFileAgainstRule } from './secret-rule-check';

/** The help text of `cdk8s-flux secret edit`. */
export const SECRET_EDIT_USAGE = `usage: cdk8s-flux secret edit FILE [--decode] [--config .sops.yaml] [--trust-file-metadata]

Opens the decrypted FILE in $EDITOR (else $VISUAL, else vi; a command line such as "code --wait" is fine), then
encrypts what was saved back into FILE, as \`sops edit\` does: same data key, same recipients, same encryption rule;
values that did not change keep their exact ciphertext, so the diff shows only what changed. When nothing changed,
FILE is left as it is. The private key is found as for \`secret decrypt\`.

The recipients and encryption rule written in FILE are not covered by its MAC, so anyone who could change FILE
could have narrowed its encrypted_regex (so that a new value would be written in clear text) or put their own key
there. Unlike sops, edit first compares them with the .sops.yaml creation rule that matches FILE (found as for
\`secret create\`) and opens nothing when they differ; and it never writes a Secret value in clear text.

The plaintext lives only in a new private temporary folder (mode 700, file mode 600) that is removed as soon as the
editor is closed, whatever happens. SIGINT, SIGTERM and SIGHUP received while the editor runs are passed on to it;
the folder is then removed and the command exits with 128 + the signal number, as a program killed by it (on SIGINT
it waits for the editor: one that handles Ctrl-C itself goes on).

Nothing is written when the editor fails or when the result is not valid YAML (or, for a Secret, has a data key or
value Kubernetes would reject). A read-only FILE (no write permission in its mode) is not replaced, as sops cannot
open it for writing; whenever FILE cannot be replaced, the new encrypted file (never the plaintext) is kept in a
private temporary folder and the message says where.

  --decode   edit the data values of Secrets as text, decoded from base64 (values that are not text as !!binary);
             they are base64-encoded again when saved, and values left as they were keep their exact encoding
  --config FILE            the .sops.yaml to use
  --trust-file-metadata    use the recipients and encryption rule of FILE without comparing them with .sops.yaml

example:
  EDITOR="code --wait" cdk8s-flux secret edit secrets/podinfo-secret.yaml --decode`;

/** The flags of `secret edit`. */
export const SECRET_EDIT_FLAGS: readonly FlagSpec[] = [DECODE_FLAG, CONFIG_FLAG, TRUST_FILE_METADATA_FLAG];

/**
 * `cdk8s-flux secret edit FILE`: decrypt into a private temporary file, run the editor, re-encrypt with the same data
 * key when the text changed.
 *
 * @returns the exit code: 0, or 128 + the signal number when stopped by a signal while the editor ran; failures are
 *   thrown
 */
export async function runSecretEdit(file: string, ctx: SecretContext, flags: ParsedFlags): Promise<number> {
  const full = path.resolve(ctx.cwd, file);
  const decode = wantsDecode(flags, file);
  const encrypted = readEncryptedFile(file, ctx);
  const format = detectFormat(file);
  const info = readSopsMetadata(encrypted, format, { fileName: file });
  await checkFileAgainstRule(file, info, ctx, flags);
  const { plaintext, dataKey } = await decryptSopsFile(encrypted, {
    format,
    unwrappers: keySources(ctx),
    fileName: file,
  });
  const decoded = decode ? decodeSecretData(plaintext, file) : undefined;
  const shown = decoded?.text ?? plaintext;

  let edited: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-secret-edit-'));
  try {
    fs.chmodSync(dir, 0o700);
    // the file keeps FILE's name, so the editor picks the right syntax
    const temp = path.join(dir, path.basename(full));
    fs.writeFileSync(temp, shown, { mode: 0o600, flag: 'wx' });
    await runEditor(temp, ctx.env, ctx.spawnEditor);
    edited = fs.readFileSync(temp, 'utf8');
  } catch (e) {
    if (!(e instanceof EditorInterruptedError)) throw e;
    ctx.io.err(`${file}: ${e.message}; the decrypted copy was removed and ${file} was left unchanged`);
    // as a shell reports a program killed by the signal
    return 128 + os.constants.signals[e.signal];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (edited === shown) {
    ctx.io.out(`${file} has not changed; nothing written`);
    return 0;
  }
  let updated: string;
  try {
    const changed = decoded !== undefined ? decoded.encode(edited) : edited;
    updated = editSopsFile(encrypted, changed, { format, dataKey, fileName: file });
    checkEditedSecret(changed, file);
    refuseClearValues(updated, file, info);
  } catch (e) {
    if (e instanceof SopsError || e instanceof FluxValidationError) {
      ctx.io.err(`${file} was left unchanged and the edits were discarded, because:`);
    }
    throw e;
  }
  try {
    refuseReadOnly(full, file);
    writeFileAtomic(full, updated, { overwrite: true });
  } catch (e) {
    // the edits are not lost: the new encrypted file (never the plaintext) goes where the user can take it from
    const kept = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-secret-edit-kept-')), path.basename(full));
    fs.writeFileSync(kept, updated, { mode: 0o600, flag: 'wx' });
    ctx.io.err(`${file} was left unchanged; your edits are kept, encrypted, in ${kept}: move that file over ${file}`);
    throw e;
  }
  ctx.io.out(`wrote ${file}`);
  return 0;
}

/**
 * A file without any write permission is not replaced, as `sops edit` cannot open it for writing: the mode says it
 * must not change (even for root, who could).
 *
 * @throws FluxValidationError
 */
function refuseReadOnly(full: string, file: string): void {
  const mode = fs.statSync(full).mode & 0o777;
  if ((mode & 0o222) === 0) {
    fail({
      file,
      field: 'mode',
      value: `0${mode.toString(8)}`,
      message: 'is read-only, so it is not replaced',
      fix: `make it writable (chmod u+w ${file}) and move the kept file over it`,
    });
  }
}

/**
 * Refuses a Secret value the file's encryption rule would leave in clear text (an empty value has nothing to hide),
 * which `--trust-file-metadata` with a narrowed rule could otherwise let through. Errors name the field, never the
 * value.
 *
 * @throws FluxValidationError
 */
function refuseClearValues(encrypted: string, file: string, info: SopsFileInfo): void {
  const { kind, pattern } = info.metadata.encryptionRule;
  const issues = parseAllDocuments(encrypted).flatMap((doc): Issue[] => {
    const object: unknown = doc.toJS();
    return inspectEncryptedDocument(object)
      .clearValues.filter((field) => !isEmptyValue(object, field))
      .map((field) => ({
        file,
        field,
        message: `would be written in clear text: the file's encryption rule (${kind} ${JSON.stringify(pattern)}) leaves it unencrypted; nothing was written`,
        fix: 'restore the file from version control, or create the Secret again with a .sops.yaml rule that encrypts data and stringData (encrypted_regex: ^(data|stringData)$)',
      }));
  });
  if (issues.length > 0) throw new FluxValidationError(issues);
}

/** Whether `section.key` of a document (`data.ca.crt`: the key is `ca.crt`) is the empty string. */
function isEmptyValue(doc: unknown, field: string): boolean {
  const dot = field.indexOf('.');
  if (dot < 0 || !isPlainObject(doc)) return false;
  const section = doc[field.slice(0, dot)];
  return isPlainObject(section) && section[field.slice(dot + 1)] === '';
}

/**
 * For a Secret, checks what the API server would reject: `data` keys that are not valid Secret keys, and `data`
 * values that are not base64. Errors name the key, never the value.
 *
 * @throws FluxValidationError
 */
function checkEditedSecret(plaintext: string, file: string): void {
  const docs = parseAllDocuments(plaintext);
  for (const doc of Array.isArray(docs) ? docs : []) {
    const secret: unknown = doc.toJS();
    if (typeof secret !== 'object' || secret === null) continue;
    const { kind, data } = secret as { kind?: unknown; data?: unknown };
    if (kind !== 'Secret' || typeof data !== 'object' || data === null) continue;
    for (const [key, value] of Object.entries(data)) {
      const problem = secretKeyProblem(key);
      if (problem !== undefined) {
        fail({ file, field: 'data', value: key, message: `has a key that ${problem}`, fix: 'rename the key' });
      }
      if (value !== null && (typeof value !== 'string' || !isBase64(value))) {
        fail({
          file,
          field: `data.${key}`,
          message: 'is not base64, so Kubernetes would reject the Secret (the value is not shown)',
          fix: 'write the base64 encoding of the value (`printf %s VALUE | base64`), or move it under stringData',
        });
      }
    }
  }
}

function isBase64(value: string): boolean {
  const compact = value.replace(/[\r\n]/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}
