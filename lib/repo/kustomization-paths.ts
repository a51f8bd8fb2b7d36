import * as path from 'path';
import { IConstruct } from 'constructs';
import { Issue } from '../errors';
import { ArtifactGenerator, IGeneratedArtifact } from '../flux/artifact-generator';
import { Kustomization } from '../flux/kustomization';
import { ObjectRef } from '../flux/object-ref';
import { didYouMean } from '../sops/base/did-you-mean';
import { GitOpsRepository } from './gitops-repository';

/** Where a copy of an ArtifactGenerator puts a folder of the tree: `tree` becomes the artifact's folder `artifact`. */
interface FolderCopy {
  readonly tree: string;
  readonly artifact: string;
}

/** `path` as folder parts relative to a source's root (`./apps/x` -> `apps/x`), or `undefined` if it leaves the root. */
function normalised(p: string): string | undefined {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  return parts.includes('..') ? undefined : parts.join('/');
}

function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
}

function within(folder: string, parent: string): boolean {
  return parent === '' || folder === parent || folder.startsWith(`${parent}/`);
}

/** `folder` below `parent` (which holds it), e.g. `x` for `base/x` below `base`. */
function below(folder: string, parent: string): string {
  return parent === '' ? folder : folder.slice(parent.length + 1);
}

/**
 * The folders of the tree an artifact of `generator` is made of, as source-watcher copies them (`@alias/dir/**` copies
 * the contents of `dir`, `@alias/dir` the folder itself), or `undefined` when one of its copies takes files from
 * another source than the repository or with another glob: then what the artifact holds is not known here.
 */
function folderCopies(generator: ArtifactGenerator, name: string, own: ObjectRef): FolderCopy[] | undefined {
  const artifact = generator.artifacts.find((a) => a.name === name);
  if (artifact === undefined) return undefined;
  const copies: FolderCopy[] = [];
  for (const op of artifact.copy) {
    const from = /^@([^/]+)\/(.*?)(\/\*\*)?$/.exec(op.from);
    const to = /^@artifact\/?(.*)$/.exec(op.to);
    const source = from === null ? undefined : generator.sources[from[1]];
    if (from === null || to === null || source === undefined || !sameObject(source.ref, own)) return undefined;
    const tree = normalised(from[2]);
    const target = normalised(to[1]);
    if (tree === undefined || target === undefined || /[*?[{]/.test(tree)) return undefined;
    const intoFolder = from[3] !== undefined || to[1] === '' || to[1].endsWith('/');
    const folder = from[3] !== undefined || !intoFolder ? target : [target, path.posix.basename(tree)].join('/');
    copies.push({ tree, artifact: normalised(folder) ?? '' });
  }
  return copies;
}

/**
 * Flux Kustomizations of `root` whose `path` names a folder that their source will not have: for a Kustomization of a
 * repository's own tree (its source is the repository's sync GitRepository), a folder that synth does not write and
 * that is not on disk beside the tree; for one of an ExternalArtifact an ArtifactGenerator of the app makes from the
 * tree, a folder the generator's copies do not make. Paths into other sources, or into artifacts made with globs or
 * from other sources, are not known here and are not checked.
 *
 * @param files the files synth writes, by path relative to the output root (the root of the git repository)
 * @param exists whether a file or folder (relative to the output root) exists on disk
 */
export function kustomizationPathIssues(
  root: IConstruct,
  files: ReadonlyMap<string, string>,
  exists: (p: string) => boolean,
): Issue[] {
  const folders = new Set<string>();
  for (const file of files.keys()) {
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) folders.add(dir);
  }
  const hasFolder = (f: string) => f === '' || folders.has(f) || exists(f);
  const issues: Issue[] = [];
  const kustomizations = root.node.findAll().filter((c): c is Kustomization => c instanceof Kustomization);
  for (const k of kustomizations) {
    const repository = [...k.node.scopes].reverse().find((s) => s instanceof GitOpsRepository);
    const wanted = normalised(k.path ?? '');
    if (repository === undefined || wanted === undefined) continue;
    const own = repository.syncSource.ref;
    const generated = (k.source as Partial<IGeneratedArtifact>).generator;
    let found: boolean | undefined;
    if (sameObject(k.source.ref, own)) {
      found = hasFolder(wanted);
    } else if (generated instanceof ArtifactGenerator) {
      const copies = folderCopies(generated, k.source.ref.name, own);
      found =
        copies === undefined
          ? undefined
          : copies.some(
              (c) =>
                (within(c.artifact, wanted) && hasFolder(c.tree)) ||
                (within(wanted, c.artifact) &&
                  hasFolder([c.tree, below(wanted, c.artifact)].filter((s) => s !== '').join('/'))),
            );
    }
    if (found !== false) continue;
    const near = sameObject(k.source.ref, own) ? didYouMean(wanted, folders) : undefined;
    issues.push({
      constructPath: k.node.path,
      field: 'path',
      value: k.path,
      message: sameObject(k.source.ref, own)
        ? 'names a folder that is not in the tree, nor beside it in the repository, so Flux cannot build it'
        : `names a folder that the copies of ExternalArtifact ${k.source.ref.name} do not make, so Flux cannot build it`,
      fix:
        near === undefined
          ? 'point it at a folder that holds manifests (relative to the root of the source), or create the folder'
          : `did you mean "./${near}"?`,
    });
  }
  return issues;
}
