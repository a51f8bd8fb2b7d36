import { Issue } from '../errors';
import { ValidationContext } from './validation-context';
import { apiGroup, stringField, whereOf } from './manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';
import { DEPENDENCY_FIELDS, valuesAt } from './reference-fields';

interface Node {
  readonly key: string;
  /** `namespace/name`, as the cycle is printed. */
  readonly label: string;
  readonly kind: string;
  readonly record: ManifestRecord;
  readonly next: string[];
}

const keyOf = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? ''}/${name}`;
const labelOf = (namespace: string | undefined, name: string) =>
  namespace === undefined ? name : `${namespace}/${name}`;

/** The dependsOn graph of the records: Kustomizations and HelmReleases, an edge from each to what it waits for. */
function buildGraph(records: readonly ManifestRecord[]): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const edges: [string, string][] = [];
  for (const record of records) {
    if (record.external) continue; // what an external object waits for is not known here
    const m = record.manifest;
    const group = apiGroup(stringField(m, 'apiVersion') ?? '');
    const field = DEPENDENCY_FIELDS.find((f) => f.kind === m.kind && f.group === group);
    const name = stringField(m.metadata, 'name');
    if (field === undefined || name === undefined) continue;
    const namespace = stringField(m.metadata, 'namespace');
    const key = keyOf(field.kind, namespace, name);
    if (!nodes.has(key)) nodes.set(key, { key, label: labelOf(namespace, name), kind: field.kind, record, next: [] });
    for (const { value } of valuesAt(m, field.path)) {
      const target = stringField(value, 'name');
      if (!isPlainObject(value) || target === undefined) continue;
      edges.push([key, keyOf(field.kind, stringField(value, 'namespace') ?? namespace, target)]);
    }
  }
  for (const [from, to] of edges) {
    const node = nodes.get(from);
    if (node !== undefined && nodes.has(to) && !node.next.includes(to)) node.next.push(to);
  }
  return nodes;
}

/** The strongly connected components of the graph (Tarjan), each a list of keys. */
function components(nodes: ReadonlyMap<string, Node>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (key: string) => {
    index.set(key, index.size);
    low.set(key, index.get(key) as number);
    stack.push(key);
    onStack.add(key);
    for (const next of nodes.get(key)?.next ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(key, Math.min(low.get(key) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(key, Math.min(low.get(key) as number, index.get(next) as number));
      }
    }
    if (low.get(key) === index.get(key)) {
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = member === key ? undefined : stack.pop()) {
        onStack.delete(member);
        component.push(member);
      }
      out.push(component);
    }
  };
  for (const key of [...nodes.keys()].sort()) if (!index.has(key)) visit(key);
  return out;
}

/** The shortest cycle from `start` back to it, staying inside `members`: `[start, ..., start]`. */
function shortestCycle(nodes: ReadonlyMap<string, Node>, start: string, members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    for (const next of [...(nodes.get(key)?.next ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const chain: string[] = [];
        for (let k: string | undefined = key; k !== start && k !== undefined; k = previous.get(k)) chain.unshift(k);
        return [start, ...chain, start];
      }
      if (!previous.has(next)) {
        previous.set(next, key);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/**
 * The dependency-cycles check: the `dependsOn` graphs of Kustomizations and of HelmReleases have no cycle (Flux would
 * wait for ever). Each cycle is reported once, as `ns/a -> ns/b -> ns/a`, at its first member in sorted order; an
 * object that depends on itself is a cycle too.
 */
export function checkDependencyCycles(records: readonly ManifestRecord[], context: ValidationContext = {}): Issue[] {
  const nodes = buildGraph(records);
  const issues: Issue[] = [];
  for (const component of components(nodes)) {
    const members = new Set(component);
    const start = [...component].sort()[0];
    const node = nodes.get(start) as Node;
    if (component.length === 1 && !node.next.includes(start)) continue;
    const cycle = shortestCycle(nodes, start, members).map((k) => (nodes.get(k) as Node).label);
    const self = component.length === 1;
    issues.push({
      ...whereOf(node.record),
      field: 'spec.dependsOn',
      value: cycle.join(' -> '),
      message: self
        ? `makes the ${node.kind} depend on itself, so it never becomes ready`
        : `forms a dependency cycle of ${node.kind}s, so none of them ever becomes ready`,
      fix:
        context.origin === 'tree'
          ? `remove ${self ? 'the entry' : 'one of these dependsOn entries'}`
          : `remove ${self ? 'that dependency' : 'one of these dependencies'} (the dependsOn or addDependsOn that closes the loop)`,
    });
  }
  return issues.sort((a, b) => (a.value ?? '').localeCompare(b.value ?? ''));
}
