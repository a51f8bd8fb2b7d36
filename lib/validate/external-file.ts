import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { ExternalDeclaration, parseExternalDeclaration } from './external-declaration';
import { formatId } from './manifest-fields';

/** The file of a folder that declares the objects made outside the tree, for the clusters at or below the folder. */
export const EXTERNAL_FILE = '.cdk8s-flux.yaml';

/** The comment `cdk8s-flux synth` writes at the top of the file, saying who writes and who reads it. */
const HEADER =
  '# Objects made outside this tree that its objects refer to, as the code declares them (the SOPS key Secret, the\n' +
  '# Git credentials, fromName declarations). Written by cdk8s-flux synth, read by cdk8s-flux validate.\n';

/**
 * The external declarations of the `.cdk8s-flux.yaml` in `folder` of the tree at `root` (`external:` a list of
 * `Kind/namespace/name` or `Kind/name`), so that a repository says once what is made out of band instead of
 * repeating `--external` flags. None when there is no such file.
 *
 * @param folder relative to `root`, `/`-separated; `""` for the root
 * @throws Error naming the file and the entry when an entry is not a declaration
 */
export function readExternalFile(root: string, folder = ''): ExternalDeclaration[] {
  const shown = folder === '' ? EXTERNAL_FILE : `${folder}/${EXTERNAL_FILE}`;
  const file = path.join(root, shown);
  if (!fs.existsSync(file)) return [];
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  const list: unknown = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).external : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${shown}: external must be a list of Kind/namespace/name`);
  return list.map((entry: unknown, i) => {
    const declaration = typeof entry === 'string' ? parseExternalDeclaration(entry) : undefined;
    if (declaration === undefined) {
      throw new Error(
        `${shown}: external[${i}] ${JSON.stringify(entry)} is not Kind/namespace/name or Kind/name; write e.g. Secret/flux-system/sops-age`,
      );
    }
    return declaration;
  });
}

/** The text of a `.cdk8s-flux.yaml` that declares `declarations`: each once, sorted, under a comment. */
export function renderExternalFile(declarations: readonly ExternalDeclaration[]): string {
  return `${HEADER}${stringify({ external: [...new Set(declarations.map(formatId))].sort() })}`;
}
