import { IConstruct } from 'constructs';
import { Issue } from '../errors';

/** A repository tree as the overlap check sees it: a construct with the folder its tree is written to. */
export interface RootedTree extends IConstruct {
  /** The tree's folder in the output (`""` for the output root). */
  readonly rootPath: string;
}

function describeRoot(root: string): string {
  return root === '' ? 'the repository root' : `"${root}"`;
}

/** True when the folder `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  return outer === '' || inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * The problems of `tree` sharing folders with the trees made before it in the same app (`earlier`): each cluster of
 * a fleet needs a folder of its own, beside the others, never inside one. Two trees in one folder, or one inside
 * another, would write the same `flux/` and layer folders, or list each other's folders in their `kustomization.yaml`
 * files, so the flux-system Kustomization of one cluster would apply the other's objects.
 */
export function overlappingRootIssues(tree: RootedTree, earlier: readonly RootedTree[]): Issue[] {
  const fix =
    'give every cluster a folder of its own beside the others, such as "clusters/staging" and "clusters/production"';
  const issues: Issue[] = [];
  for (const other of earlier) {
    const where = { constructPath: tree.node.path, field: 'path', value: tree.rootPath, fix };
    if (tree.rootPath === other.rootPath) {
      issues.push({ ...where, message: `is also the path of ${other.node.path}` });
    } else if (within(tree.rootPath, other.rootPath)) {
      issues.push({
        ...where,
        message: `lies inside the tree of ${other.node.path} (${describeRoot(other.rootPath)})`,
      });
    } else if (within(other.rootPath, tree.rootPath)) {
      issues.push({ ...where, message: `holds the tree of ${other.node.path} (${describeRoot(other.rootPath)})` });
    }
  }
  return issues;
}
