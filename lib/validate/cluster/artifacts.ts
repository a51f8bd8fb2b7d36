import * as fs from 'fs';
import * as path from 'path';
import { stringField } from '../manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';

/** A file tree copied into an artifact: where it lies in the artifact and where it comes from in the tree. */
export interface ArtifactCopy {
  readonly artifact: string;
  readonly tree: string;
}

/** One ExternalArtifact an ArtifactGenerator makes from this repository, laid out on disk to be built. */
export interface LocalArtifact {
  /** `ExternalArtifact/namespace/name`. */
  readonly id: string;
  /** The artifact's root folder. */
  readonly dir: string;
  readonly copies: readonly ArtifactCopy[];
}

/**
 * Lays out the ExternalArtifacts of an ArtifactGenerator whose sources deliver this repository, under `into`, as
 * source-watcher composes them: each `copy` entry `from: "@alias/dir/**"` copies the contents of `dir`, and
 * `from: "@alias/path"` copies one file or folder, to the `to` folder of the artifact. An artifact with another
 * form of pattern, or with a source that is not this repository, is left out (its Kustomizations are not followed).
 *
 * @param isOwnSource tells whether `Kind/namespace/name` delivers this repository
 */
export function layOutArtifacts(
  generator: Record<string, unknown>,
  isOwnSource: (id: string) => boolean,
  mirror: string,
  into: string,
): LocalArtifact[] {
  const spec = isPlainObject(generator.spec) ? generator.spec : {};
  const namespace = stringField(generator.metadata, 'namespace') ?? 'default';
  const aliases = new Set<string>();
  for (const source of Array.isArray(spec.sources) ? spec.sources : []) {
    const id = `${stringField(source, 'kind') ?? ''}/${stringField(source, 'namespace') ?? namespace}/${stringField(source, 'name') ?? ''}`;
    const alias = stringField(source, 'alias');
    if (alias !== undefined && isOwnSource(id)) aliases.add(alias);
  }
  const out: LocalArtifact[] = [];
  for (const artifact of Array.isArray(spec.artifacts) ? spec.artifacts : []) {
    const name = stringField(artifact, 'name');
    if (name === undefined || !isPlainObject(artifact) || !Array.isArray(artifact.copy)) continue;
    const dir = path.join(into, namespace, name);
    const copies: ArtifactCopy[] = [];
    const laidOut = artifact.copy.every((entry: unknown) => {
      const from = /^@([^/]+)\/(.*?)(\/\*\*)?$/.exec(stringField(entry, 'from') ?? '');
      const to = /^@artifact\/?(.*)$/.exec(stringField(entry, 'to') ?? '');
      if (from === null || to === null || !aliases.has(from[1]) || /[*?[]/.test(from[2])) return false;
      const source = path.join(mirror, from[2]);
      if (!fs.existsSync(source)) return false;
      const target =
        from[3] === undefined && !to[1].endsWith('/') && to[1] !== ''
          ? path.resolve(dir, to[1])
          : path.resolve(dir, to[1], from[3] === undefined ? path.basename(source) : '.');
      fs.cpSync(source, target, { recursive: true });
      copies.push({ artifact: target, tree: source });
      return true;
    });
    if (laidOut) out.push({ id: `ExternalArtifact/${namespace}/${name}`, dir, copies });
  }
  return out;
}
