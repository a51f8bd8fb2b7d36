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

/** What the `.cdk8s-flux.yaml` of one folder declares. */
export interface DeclarationFile {
  /** The objects made outside the tree (`external:`). */
  readonly external: readonly ExternalDeclaration[];
  /** The folders applied by hand rather than by Flux (`appliedByHand:`), relative to the tree root. */
  readonly appliedByHand: readonly string[];
}

/**
 * The `.cdk8s-flux.yaml` in `folder` of the tree at `root`, read and parsed once: `external:` a list of
 * `Kind/namespace/name` or `Kind/name` (so that a repository says once what is made out of band instead of repeating
 * `--external` flags), `appliedByHand:` a list of folders relative to it (`kubectl apply -k` targets). Both empty when
 * there is no such file.
 *
 * @param folder relative to `root`, `/`-separated; `""` for the root
 * @throws ExternalFileError naming the file and the entry when an entry is not a declaration, or not a folder inside
 *   the file's own
 */
export function readDeclarationFile(root: string, folder = ''): DeclarationFile {
  const shown = folder === '' ? EXTERNAL_FILE : `${folder}/${EXTERNAL_FILE}`;
  const file = path.join(root, shown);
  if (!fs.existsSync(file)) return { external: [], appliedByHand: [] };
  const parsed: unknown = parse(fs.readFileSync(file, 'utf8'));
  const doc = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  return {
    external: listOf(doc.external, shown, 'external', 'a list of Kind/namespace/name', (entry, i) => {
      const declaration = typeof entry === 'string' ? parseExternalDeclaration(entry) : undefined;
      if (declaration !== undefined) return declaration;
      throw new ExternalFileError(
        `${shown}: external[${i}] ${JSON.stringify(entry)} is not Kind/namespace/name or Kind/name; write e.g. Secret/flux-system/sops-age`,
      );
    }),
    appliedByHand: listOf(doc.appliedByHand, shown, 'appliedByHand', 'a list of folders', (entry, i) => {
      const inside = typeof entry === 'string' && entry !== '' && !path.posix.isAbsolute(entry);
      const normal = inside ? path.posix.normalize(entry).replace(/\/$/, '') : '';
      if (normal === '' || normal === '.' || normal.startsWith('..')) {
        throw new ExternalFileError(
          `${shown}: appliedByHand[${i}] ${JSON.stringify(entry)} is not a folder inside this one; write a relative path such as services/n8n`,
        );
      }
      return folder === '' ? normal : `${folder}/${normal}`;
    }),
  };
}

/** The entries of the list `key` of a declaration file, each read by `entry`; none when the key is absent. */
function listOf<T>(
  list: unknown,
  shown: string,
  key: string,
  what: string,
  entry: (value: unknown, index: number) => T,
): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ExternalFileError(`${shown}: ${key} must be ${what}`);
  return list.map(entry);
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
