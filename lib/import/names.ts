const RESERVED = new Set(
  'app break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(
    ' ',
  ),
);

/** `cert-manager` -> `certManager`: a Kubernetes name as a camel-case TypeScript identifier. */
export function camelCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const joined = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(joined) || joined === '' ? `_${joined}` : joined;
}

/** Hands out identifiers, each once: the preferred one, else with the fallback suffix, else numbered. */
export class IdentifierPool {
  private readonly taken = new Set<string>();

  /** Takes `camelCase(name)`, or `camelCase(name + suffix)` when that is taken, then numbers it. */
  public take(name: string, suffix: string): string {
    const candidates = [camelCase(name), camelCase(`${name}-${suffix}`)];
    let found = candidates.find((c) => !this.taken.has(c) && !RESERVED.has(c));
    for (let i = 2; found === undefined; i++) {
      const numbered = `${candidates[1]}${i}`;
      if (!this.taken.has(numbered)) found = numbered;
    }
    this.taken.add(found);
    return found;
  }
}
