import { Issue } from '../../errors';
import { isClusterScoped } from '../kinds';
import { formatId, kustomizationId, objectIdOf } from '../manifest-fields';
import { KustomizationBuild } from './cluster-walk';

/**
 * The applied-twice check of a walked tree: an object (API group, kind, namespace, name) is applied by at most one
 * Flux Kustomization of a cluster. Two would overwrite each other's changes at every reconciliation, and the pruning
 * of one deletes what the other still applies. (Kustomize itself refuses one object twice within one build.)
 *
 * Each object is reported at its place in the later Kustomization, naming both; the builds are taken in walk order.
 */
export function checkAppliedTwice(builds: readonly KustomizationBuild[]): Issue[] {
  const first = new Map<string, { build: KustomizationBuild; file?: string }>();
  const issues: Issue[] = [];
  for (const build of builds) {
    for (const record of build.records) {
      const id = objectIdOf(record.manifest);
      if (id === undefined || record.external === true) continue;
      const namespace = isClusterScoped(id.kind) ? undefined : id.namespace;
      const key = [build.cluster, id.group, id.kind, namespace ?? '', id.name].join('|');
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, { build, file: record.file });
        continue;
      }
      const where = (b: KustomizationBuild, file: string | undefined) =>
        `${kustomizationId(b.kustomization)} (${b.file}) from ${file ?? 'a generator'}`;
      issues.push({
        ...(record.file === undefined ? {} : { file: record.file }),
        field: 'metadata.name',
        value: formatId({ kind: id.kind, namespace, name: id.name }),
        message: `is applied by two Flux Kustomizations, ${where(earlier.build, earlier.file)} and ${where(build, record.file)}: they overwrite each other, and the pruning of one deletes what the other applies`,
        fix: 'apply it from one of them only (take it out of the folder or kustomization.yaml of the other), or rename one of the two objects',
      });
    }
  }
  return issues;
}
