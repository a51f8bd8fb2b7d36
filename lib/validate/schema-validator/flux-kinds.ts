import { FLUX_KIND_SCHEMAS, FLUX_VERSION } from '../crd-schemas';
import type { FluxKindSchema } from './types';

export { FLUX_VERSION };

interface Lookup {
  readonly byGroupVersionKind: ReadonlyMap<string, FluxKindSchema>;
  readonly byGroup: ReadonlyMap<string, readonly FluxKindSchema[]>;
  readonly byKind: ReadonlyMap<string, readonly FluxKindSchema[]>;
}

let lookup: Lookup | undefined;

function getLookup(): Lookup {
  if (!lookup) {
    const byGroupVersionKind = new Map<string, FluxKindSchema>();
    const byGroup = new Map<string, FluxKindSchema[]>();
    const byKind = new Map<string, FluxKindSchema[]>();
    for (const entry of FLUX_KIND_SCHEMAS) {
      byGroupVersionKind.set(`${entry.group}/${entry.version}/${entry.kind}`, entry);
      byGroup.set(entry.group, [...(byGroup.get(entry.group) ?? []), entry]);
      byKind.set(entry.kind, [...(byKind.get(entry.kind) ?? []), entry]);
    }
    lookup = { byGroupVersionKind, byGroup, byKind };
  }
  return lookup;
}

/** The API groups of Flux (source, kustomize, helm, notification, image and source-extensions). */
export function fluxGroups(): readonly string[] {
  return [...getLookup().byGroup.keys()];
}

export function isFluxGroup(group: string): boolean {
  return getLookup().byGroup.has(group);
}

/** The schema of a served Flux kind, or undefined. */
export function fluxKindSchema(apiVersion: string, kind: string): FluxKindSchema | undefined {
  return getLookup().byGroupVersionKind.get(`${apiVersion}/${kind}`);
}

/** Every served version of the kinds in `group`. */
export function fluxKindsOfGroup(group: string): readonly FluxKindSchema[] {
  return getLookup().byGroup.get(group) ?? [];
}

/** Every served version of a kind name, across the Flux groups. */
export function fluxKindsNamed(kind: string): readonly FluxKindSchema[] {
  return getLookup().byKind.get(kind) ?? [];
}

/** `group/version` of an entry. */
export function apiVersionOf(entry: FluxKindSchema): string {
  return `${entry.group}/${entry.version}`;
}
