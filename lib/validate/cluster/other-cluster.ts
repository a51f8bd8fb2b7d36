import { Issue } from '../../errors';
import { formatId, objectIdOf } from '../manifest-fields';
import { ManifestRecord } from '../record';

const DEPENDS_ON = /^spec\.dependsOn\[\d+\]$/;

/**
 * An unresolved `dependsOn` of cluster `cluster`, explained when the object it names is applied to another cluster of
 * the tree: dependsOn only waits for objects of the Kustomization's (or HelmRelease's) own cluster, so Flux waits
 * for it forever. Every other issue is returned as it is.
 *
 * @param records every object of the walk, with its cluster
 */
export function explainOtherCluster(issue: Issue, cluster: string, records: readonly ManifestRecord[]): Issue {
  if (!DEPENDS_ON.test(issue.field) || !issue.message.startsWith('does not resolve')) return issue;
  const elsewhere = records.find((r) => {
    if (r.external === true || r.cluster === undefined || r.cluster === cluster) return false;
    const id = objectIdOf(r.manifest);
    return id !== undefined && formatId(id) === issue.value;
  });
  if (elsewhere?.cluster === undefined) return issue;
  const place = elsewhere.file === undefined ? '' : ` (${elsewhere.file})`;
  return {
    ...issue,
    message: `names an object of cluster ${elsewhere.cluster}${place}, but dependsOn only sees objects of its own cluster (${cluster}), so Flux waits for it forever`,
    fix: 'remove the entry, or depend on an object of this cluster (a cluster cannot wait for another through dependsOn)',
  };
}
