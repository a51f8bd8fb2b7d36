import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FluxValidationError, fail } from '../errors';
import { decryptSopsFile, editSopsFile } from '../sops/document';
import { SopsError } from '../sops/errors';
import { detectFormat } from '../sops/format';
import { writeFileAtomic } from './atomic-write';
import { runEditor } from './editor';
import { FlagSpec } from './parse-flags';
import { SecretContext, keySources, readEncryptedFile } from './secret-context';
import { secretKeyProblem } from './secret-manifest';

/** The help text of `cdk8s-flux secret edit`. */
export const SECRET_EDIT_USAGE = `usage: cdk8s-flux secret edit FILE

Opens the decrypted FILE in $EDITOR (else $VISUAL, else vi; a command line such as "code --wait" is fine), then
encrypts what was saved back into FILE, as \`sops edit\` does: same data key, same recipients, same encryption rule;
values that did not change keep their exact ciphertext, so the diff shows only what changed. When nothing changed,
FILE is left as it is. The private key is found as for \`secret decrypt\`.

The plaintext lives only in a new private temporary folder (mode 700, file mode 600) that is removed as soon as the
editor is closed, whatever happens. Nothing is written when the editor fails or when the result is not valid YAML
(or, for a Secret, has a data key or value Kubernetes would reject).`;

/** The flags of `secret edit`: none. */
export const SECRET_EDIT_FLAGS: readonly FlagSpec[] = [];

/**
 * `cdk8s-flux secret edit FILE`: decrypt into a private temporary file, run the editor, re-encrypt with the same data
 * key when the text changed.
 *
 * @returns the exit code (0); failures are thrown
 */
export async function runSecretEdit(file: string, ctx: SecretContext): Promise<number> {
  const full = path.resolve(ctx.cwd, file);
  const encrypted = readEncryptedFile(file, ctx);
  const format = detectFormat(file);
  const { plaintext, dataKey } = await decryptSopsFile(encrypted, {
    format,
    unwrappers: keySources(ctx),
    fileName: file,
  });

  let edited: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-secret-edit-'));
  try {
    fs.chmodSync(dir, 0o700);
    // the file keeps FILE's name, so the editor picks the right syntax
    const temp = path.join(dir, path.basename(full));
    fs.writeFileSync(temp, plaintext, { mode: 0o600, flag: 'wx' });
    runEditor(temp, ctx.env, ctx.spawnEditor);
    edited = fs.readFileSync(temp, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (edited === plaintext) {
    ctx.io.out(`${file} has not changed; nothing written`);
    return 0;
  }
  let updated: string;
  try {
    updated = editSopsFile(encrypted, edited, { format, dataKey, fileName: file });
    checkEditedSecret(edited, file);
  } catch (e) {
    if (e instanceof SopsError || e instanceof FluxValidationError) {
      ctx.io.err(`${file} was left unchanged and the edits were discarded, because:`);
    }
    throw e;
  }
  writeFileAtomic(full, updated, { overwrite: true });
  ctx.io.out(`wrote ${file}`);
  return 0;
}

/**
 * For a Secret, checks what the API server would reject: `data` keys that are not valid Secret keys, and `data`
 * values that are not base64. Errors name the key, never the value.
 *
 * @throws FluxValidationError
 */
export function checkEditedSecret(plaintext: string, file: string): void {
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
