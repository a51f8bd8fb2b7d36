import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ExternalDeclaration, parseExternalDeclaration } from './external-declaration';

/** The file at the root of a tree that declares the objects made outside it. */
export const EXTERNAL_FILE = '.cdk8s-flux.yaml';

/**
 * The external declarations of a tree's `.cdk8s-flux.yaml` (`external:` a list of `Kind/namespace/name` or
 * `Kind/name`), so that a repository says once what is made out of band instead of repeating `--external` flags.
 *
 * @throws Error naming the file and the entry when an entry is not a declaration
 */
export function readExternalFile(root: string): ExternalDeclaration[] {
  const file = path.join(root, EXTERNAL_FILE);
  if (!fs.existsSync(file)) return [];
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'));
  const list: unknown = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>).external : undefined;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${EXTERNAL_FILE}: external must be a list of Kind/namespace/name`);
  return list.map((entry: unknown, i) => {
    const declaration = typeof entry === 'string' ? parseExternalDeclaration(entry) : undefined;
    if (declaration === undefined) {
      throw new Error(
        `${EXTERNAL_FILE}: external[${i}] ${JSON.stringify(entry)} is not Kind/namespace/name or Kind/name; write e.g. Secret/flux-system/sops-age`,
      );
    }
    return declaration;
  });
}
