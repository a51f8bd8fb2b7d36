import { Issue } from '../errors';
import { ValidationContext } from './validation-context';
import { formatId, objectIdOf, placeOf, whereOf } from './manifest-fields';
import { isClusterScoped } from './kinds';
import { ManifestRecord } from './record';

/**
 * The uniqueness check: one object per (API group, kind, namespace, name) in the tree; two would overwrite each other
 * in the cluster (and Flux reports the second as already owned). Cluster-scoped kinds (Namespace, ClusterRole, CRDs,
 * ClusterIssuer...) are keyed without a namespace; namespaced objects that leave `metadata.namespace` out are keyed
 * together, since they land in the same namespace. External declarations are left out: declaring the same outside
 * object twice is harmless.
 *
 * Each duplicate is reported at the later object, naming the place of the first.
 */
export function checkUniqueness(records: readonly ManifestRecord[], context: ValidationContext = {}): Issue[] {
  const first = new Map<string, ManifestRecord>();
  const issues: Issue[] = [];
  for (const record of records) {
    if (record.external) continue;
    const id = objectIdOf(record.manifest);
    if (id === undefined) continue;
    const namespace = isClusterScoped(id.kind) ? undefined : id.namespace;
    const key = [id.group, id.kind, namespace ?? '', id.name].join('|');
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, record);
      continue;
    }
    issues.push({
      ...whereOf(record),
      field: 'metadata.name',
      value: formatId({ kind: id.kind, namespace, name: id.name }),
      message: `is declared twice: here and at ${placeOf(earlier)}`,
      fix:
        context.origin === 'tree'
          ? 'remove one of them, or rename one (name or namespace)'
          : 'remove one of them, or give one another name (or namespace)',
    });
  }
  return issues;
}
