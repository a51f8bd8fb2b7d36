/**
 * `instanceof` as the prototype chain means it. `cdk8s` makes `x instanceof ApiObject` and `x instanceof Chart` true
 * for every API object or chart (a check that works across copies of the library), and subclasses inherit that
 * answer, so `x instanceof Kustomization` would be true for a GitRepository. Classes of this library that need to be
 * told apart restore the usual meaning with this test in their own `[Symbol.hasInstance]`.
 *
 * @param cls the class asked about
 * @param o the value tested
 */
export function hasPrototypeOf(cls: { readonly prototype: object }, o: unknown): boolean {
  return typeof o === 'object' && o !== null && Object.prototype.isPrototypeOf.call(cls.prototype, o);
}
