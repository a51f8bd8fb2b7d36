import { Issue } from '../errors';

/**
 * A value whose factory checks its input (`GitRef.of()`, `OciRef.digest()`, `OciLayerSelector.mediaType()`...). A bad
 * input does not throw: the value keeps the problem, and the construct it is given to reports it at synth, under its
 * own construct path and the name of the prop, with every other problem of the app.
 */
export interface ICheckedValue {
  /**
   * What is wrong with the value, empty when it is fine. Each `field` is relative to the prop the value is given as
   * (`""` for the prop itself, `"commit"` for `ref.commit`); the construct path is the construct's.
   */
  readonly problems: readonly Issue[];
}
