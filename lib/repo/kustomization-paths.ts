import { Issue } from '../errors';
import { Kustomization } from '../flux/kustomization';
import { GitOpsRepository } from './gitops-repository';

/** A folder path as Flux reads `spec.path`: relative to the repository root, without `./` or trailing `/`. */
function normalized(specPath: string): string {
  return specPath
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/**
 * The Flux Kustomizations that build a folder of their own repository's tree that the tree does not hold: neither
 * a file synth writes nor a folder already in the repository (hand-written) is under it, so Flux would fail with
 * "kustomization path not found". Paths outside the tree are the repository's own business and are not checked.
 *
 * @param repositories the app's GitOpsRepositories
 * @param files the files synth writes, relative to the output folder (the git root)
 * @param isFolder tells whether a folder, relative to the output folder, exists already
 */
export function kustomizationPathIssues(
  repositories: readonly GitOpsRepository[],
  files: Iterable<string>,
  isFolder: (folder: string) => boolean,
): Issue[] {
  // every folder that holds a written file, at any depth
  const written = new Set<string>();
  for (const file of files) {
    for (let i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) written.add(file.slice(0, i));
  }
  const issues: Issue[] = [];
  for (const repository of repositories) {
    const sourceRef = repository.syncSource.ref;
    const kustomizations = repository.node.findAll().filter((c): c is Kustomization => c instanceof Kustomization);
    for (const k of kustomizations) {
      const { kind, name, namespace } = k.source.ref;
      if (kind !== sourceRef.kind || name !== sourceRef.name || namespace !== sourceRef.namespace) continue;
      const specPath = k.path;
      if (specPath === undefined) continue;
      const folder = normalized(specPath);
      const root = repository.rootPath;
      const inTree = root === '' || folder === root || folder.startsWith(`${root}/`);
      if (!inTree || folder === '' || folder.split('/').includes('..')) continue;
      if (written.has(folder) || isFolder(folder)) continue;
      issues.push({
        constructPath: k.node.path,
        field: 'path',
        value: specPath,
        message: `names a folder of the tree that synth does not write and that does not exist, so Flux would fail to build it`,
        fix: `point it at a folder of the tree (an application's folder such as "./${[root, 'services', '<name>'].filter((s) => s !== '').join('/')}"), or write objects into "${folder}"`,
      });
    }
  }
  return issues;
}
