import { apiGroup, stringField } from '../../validate/manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';
import { ChangeKind, FieldChange } from './diff-model';

/** One step of a field path: an object key, a list index, or the `name` of a list item. */
type Step = { readonly key: string } | { readonly index: number } | { readonly named: string };

/** A field path as a reader writes it: `spec.containers[app].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(steps: readonly Step[]): string {
  return steps
    .map((s, i) => {
      if ('index' in s) return `[${s.index}]`;
      if ('named' in s) return `[${s.named}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(s.key)) return i === 0 ? s.key : `.${s.key}`;
      return `[${JSON.stringify(s.key)}]`;
    })
    .join('');
}

/** The `name` of every item when each item is an object with a distinct one: such lists are matched by name. */
function namesOf(list: readonly unknown[]): string[] | undefined {
  const names = list.map((item) => stringField(item, 'name'));
  if (names.some((n) => n === undefined) || new Set(names).size !== names.length) return undefined;
  return names as string[];
}

/** A value that is or holds SOPS ciphertext, as sops writes an encrypted value (`ENC[AES256_GCM,data:...]`). */
const holdsCiphertext = (value: unknown) =>
  value !== undefined && (typeof value === 'string' ? value : JSON.stringify(value)).includes('ENC[');

/**
 * The fields that differ between two versions of one object, leaf by leaf. Lists whose items all have a distinct
 * `name` (containers, env, ports) are matched by name, other lists item by item. Secret values are never given: the
 * `data` and `stringData` of a Secret and every SOPS-encrypted value are only said to be added, removed or changed,
 * and the `sops` metadata of an encrypted document is one field.
 */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const isSecret = before.kind === 'Secret' && apiGroup(stringField(before, 'apiVersion') ?? '') === '';
  const out: FieldChange[] = [];
  const secretAt = (steps: readonly Step[]) =>
    steps.length > 0 &&
    'key' in steps[0] &&
    (steps[0].key === 'sops' || (isSecret && ['data', 'stringData'].includes(steps[0].key)));
  const push = (steps: readonly Step[], change: ChangeKind, old: unknown, now: unknown) => {
    const secret = secretAt(steps) || holdsCiphertext(old) || holdsCiphertext(now);
    out.push({
      path: formatPath(steps),
      change,
      ...(secret || old === undefined ? {} : { before: old }),
      ...(secret || now === undefined ? {} : { after: now }),
      secret,
    });
  };
  const compare = (steps: Step[], old: unknown, now: unknown) => {
    if (JSON.stringify(old) === JSON.stringify(now)) return;
    if (old === undefined) return push(steps, ChangeKind.ADDED, old, now);
    if (now === undefined) return push(steps, ChangeKind.REMOVED, old, now);
    // the sops metadata changes with every encryption: one field, not its MAC and dates
    if (steps.length === 1 && 'key' in steps[0] && steps[0].key === 'sops') {
      return push(steps, ChangeKind.CHANGED, old, now);
    }
    if (isPlainObject(old) && isPlainObject(now)) {
      const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
      for (const key of keys) compare([...steps, { key }], old[key], now[key]);
      return;
    }
    if (Array.isArray(old) && Array.isArray(now)) {
      const oldNames = namesOf(old);
      const newNames = namesOf(now);
      if (oldNames !== undefined && newNames !== undefined) {
        const names = [...oldNames, ...newNames.filter((n) => !oldNames.includes(n))];
        for (const named of names) {
          compare([...steps, { named }], old[oldNames.indexOf(named)], now[newNames.indexOf(named)]);
        }
        return;
      }
      for (let index = 0; index < Math.max(old.length, now.length); index++) {
        compare([...steps, { index }], old[index], now[index]);
      }
      return;
    }
    push(steps, ChangeKind.CHANGED, old, now);
  };
  compare([], before, after);
  return out;
}
