import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { ExternalDeclaration, parseExternalDeclaration } from './external-declaration';
import { formatId } from './manifest-fields';

/** The file of a folder that declares the objects made outside the tree, for the clusters at or below the folder. */
export const EXTERNAL_FILE = '.cdk8s-flux.yaml';

/** A `.cdk8s-flux.yaml` that does not say what it must: the message names the file, the entry and the fix. */
export class ExternalFileError extends Error {}

/** The comment `cdk8s-flux synth` writes at the top of the file, saying who writes and who reads it. */
const HEADER =
  '# Objects made outside this tree that its objects refer to, as the code declares them (the SOPS key Secret, the\n' +
  '# Git credentials, fromName declarations), and the folders applied by hand rather than by Flux. Written by\n' +
  '# cdk8s-flux synth, read by cdk8s-flux validate.\n';

/** The parsed `.cdk8s-flux.yaml` of `folder`, with the path it is shown by; undefined when there is none. */
function readDoc(root: string, folder: string): { shown: string; doc: Record<string, unknown> } | undefined {
  const shown = folder === '' ? EXTERNAL_FILE : `${folder}/${EXTERNAL_FILE}`;
  const file = path.join(root, shown);
  if (!fs.existsSync(file)) return undefined;
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  return { shown, doc: typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {} };
}

/**
 * The external declarations of the `.cdk8s-flux.yaml` in `folder` of the tree at `root` (`external:` a list of
 * `Kind/namespace/name` or `Kind/name`), so that a repository says once what is made out of band instead of
 * repeating `--external` flags. None when there is no such file.
 *
 * @param folder relative to `root`, `/`-separated; `""` for the root
 * @throws ExternalFileError naming the file and the entry when an entry is not a declaration
 */
export function readExternalFile(root: string, folder = ''): ExternalDeclaration[] {
  const read = readDoc(root, folder);
  if (read === undefined) return [];
  const { shown, doc } = read;
  const list = doc.external;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ExternalFileError(`${shown}: external must be a list of Kind/namespace/name`);
  return list.map((entry: unknown, i) => {
    const declaration = typeof entry === 'string' ? parseExternalDeclaration(entry) : undefined;
    if (declaration === undefined) {
      throw new ExternalFileError(
        `${shown}: external[${i}] ${JSON.stringify(entry)} is not Kind/namespace/name or Kind/name; write e.g. Secret/flux-system/sops-age`,
      );
    }
    return declaration;
  });
}

/**
 * The folders the `.cdk8s-flux.yaml` in `folder` declares applied by hand (`appliedByHand:` a list of folders
 * relative to it, e.g. `kubectl apply -k` targets), relative to `root`. None when there is no such file.
 *
 * @throws ExternalFileError naming the file and the entry when an entry is not a folder inside the file's own
 */
export function readAppliedByHand(root: string, folder = ''): string[] {
  const read = readDoc(root, folder);
  const list = read?.doc.appliedByHand;
  if (read === undefined || list === undefined) return [];
  if (!Array.isArray(list)) throw new ExternalFileError(`${read.shown}: appliedByHand must be a list of folders`);
  return list.map((entry: unknown, i) => {
    const inside = typeof entry === 'string' && entry !== '' && !path.posix.isAbsolute(entry);
    const normal = inside ? path.posix.normalize(entry).replace(/\/$/, '') : '';
    if (normal === '' || normal === '.' || normal.startsWith('..')) {
      throw new ExternalFileError(
        `${read.shown}: appliedByHand[${i}] ${JSON.stringify(entry)} is not a folder inside this one; write a relative path such as services/n8n`,
      );
    }
    return folder === '' ? normal : `${folder}/${normal}`;
  });
}

/**
 * The text of a `.cdk8s-flux.yaml` that declares `declarations` and the folders `appliedByHand` (relative to it):
 * each once, sorted, under a comment.
 */
export function renderExternalFile(
  declarations: readonly ExternalDeclaration[],
  appliedByHand: readonly string[] = [],
): string {
  const external = [...new Set(declarations.map(formatId))].sort();
  const folders = [...new Set(appliedByHand)].sort();
  return `${HEADER}${stringify({
    ...(external.length === 0 ? {} : { external }),
    ...(folders.length === 0 ? {} : { appliedByHand: folders }),
  })}`;
}
