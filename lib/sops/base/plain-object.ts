/** True for a JSON-style object: not null, not an array. The one such test of the library. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
