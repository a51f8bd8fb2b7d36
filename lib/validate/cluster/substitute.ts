/** The annotation or label that turns postBuild substitution off for one object. */
export const SUBSTITUTE_DISABLED = 'kustomize.toolkit.fluxcd.io/substitute';

/** The variables of one Flux Kustomization's `postBuild`, as far as they are known before the cluster runs. */
export interface Variables {
  /** Variable values, from `substitute` and from the ConfigMaps and Secrets of `substituteFrom` found in the tree. */
  readonly values: ReadonlyMap<string, string>;
  /**
   * Some `substituteFrom` object is made outside the tree (or later, by a controller): a variable without a value
   * may get one there, so it is unknown rather than unset.
   */
  readonly incomplete: boolean;
}

/** What substituting one text did. */
export interface Substitution {
  /** The text with every known variable replaced. */
  readonly text: string;
  /** Variables used without a value and without a default, in order of first use. */
  readonly unset: readonly string[];
}

// `$${...}` is an escaped, literal `${...}`; `${name}`, `${name:=default}`, `${name:-default}`, `${name=default}`,
// `${name-default}` are variables (names as Flux accepts them).
const VARIABLE = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-=])([^}]*))?\}/g;

/**
 * Substitutes `${var}` references in a text as kustomize-controller's postBuild does: a variable takes its value,
 * else its default; an escaped `$${var}` becomes `${var}`. A variable with neither value nor default stays as it is
 * and is listed in `unset`: Flux refuses it (strict substitution), unless the variables are incomplete, in which case
 * the value is only known once the cluster runs.
 */
export function substitute(text: string, variables: Variables): Substitution {
  const unset: string[] = [];
  const out = text.replace(VARIABLE, (whole, escape: string, name: string, operator?: string, fallback?: string) => {
    if (escape === '$') return whole.slice(1);
    const value = variables.values.get(name);
    if (value !== undefined && (value !== '' || operator === undefined || !operator.startsWith(':'))) return value;
    if (operator !== undefined) return fallback ?? '';
    if (!unset.includes(name)) unset.push(name);
    return whole;
  });
  return { text: out, unset };
}

/** True when a text still holds a `${var}` reference (not an escaped one). */
export function hasVariable(text: string): boolean {
  return [...text.matchAll(VARIABLE)].some((m) => m[1] === '');
}
