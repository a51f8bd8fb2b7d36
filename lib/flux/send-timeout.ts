import { Where } from './prop-rules';
import { ConstructIssues } from './construct-issues';

/** Flux's duration format without hours, as the CRDs check some `spec.timeout` fields (Provider, ImageRepository). */
const TIMEOUT_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/;

/** Records an issue when a rendered `timeout` has hours or is not a duration; `undefined` is fine. */
export function checkTimeout(rendered: string | undefined, where: Where, issues: ConstructIssues): void {
  if (rendered !== undefined && !TIMEOUT_PATTERN.test(rendered)) {
    issues.add(where, rendered, 'is not a duration in ms, s or m', 'use a value like "30s" or "1m30s"');
  }
}
