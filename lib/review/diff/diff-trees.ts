import { BuildCache } from '../../validate/cluster/build-cache';
import { walkClusters } from '../../validate/cluster/cluster-walk';
import { compareWalks } from './compare-walks';
import { RepositoryDiff } from './diff-model';

/**
 * What changes between two trees of one repository (two commits of it, synthesized or hand-written), as Flux applies
 * them: each tree is walked as `validate` walks it, the new one first, then the old one reusing every build whose
 * inputs are the same, so only the Flux Kustomizations the change touches are built twice.
 *
 * @param before the tree of the old state (the base of a pull request)
 * @param after the tree of the new state
 * @throws KustomizeMissingError when a tree has a cluster and neither kustomize nor kubectl is installed
 */
export async function diffTrees(before: string, after: string): Promise<RepositoryDiff> {
  const cache = new BuildCache();
  const now = await walkClusters(after, { cache });
  const old = await walkClusters(before, { cache });
  return compareWalks(old, now);
}
