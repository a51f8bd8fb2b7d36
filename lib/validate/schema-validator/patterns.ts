import { FLUX_DURATION_PATTERN as DURATION } from '../../duration';

/** The duration pattern exactly as the CRDs write it (the same expression the duration helper checks). */
const FLUX_DURATION_PATTERN = DURATION.source;

/** How to talk about a pattern in an error: its name and a fix with an example. */
export interface PatternHint {
  /** Names the pattern before it is shown: "does not match the Flux duration pattern ^(...)$". */
  readonly name: string;
  /** The fix: `use a value like "5m" or "1h30m"`. */
  readonly fix: string;
}

const LABEL_LIKE = 'use lowercase letters, digits and "-", starting and ending with a letter or digit';

/** The patterns the Flux CRDs use, described for people. Others get a generic hint. */
const HINTS: Readonly<Record<string, PatternHint>> = {
  [FLUX_DURATION_PATTERN]: { name: 'the Flux duration pattern', fix: 'use a value like "5m" or "1h30m"' },
  '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$': {
    name: 'the Flux duration pattern without hours',
    fix: 'use milliseconds, seconds or minutes, like "60s" or "5m" (not "h")',
  },
  '^(http|https|ssh)://.*$': {
    name: 'the http/https/ssh URL pattern',
    fix: 'use a URL like "https://github.com/org/repo" or "ssh://git@github.com/org/repo"',
  },
  '^(http|https|oci)://.*$': {
    name: 'the http/https/oci URL pattern',
    fix: 'use a URL like "https://charts.example.com" or "oci://ghcr.io/org/charts"',
  },
  '^oci://.*$': { name: 'the oci URL pattern', fix: 'use a URL like "oci://ghcr.io/org/app"' },
  '^(http|https)://.*$': { name: 'the http/https URL pattern', fix: 'use a URL like "https://example.com"' },
  '^https?://': { name: 'the http/https URL pattern', fix: 'use a URL like "https://issuer.example.com"' },
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$': { name: 'the DNS-1123 label pattern', fix: `${LABEL_LIKE}, like "my-app"` },
  '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$': { name: 'the DNS-1123 label pattern', fix: `${LABEL_LIKE}, like "my-app"` },
  '^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$': {
    name: 'the alias pattern',
    fix: 'use lowercase letters, digits, "_" and "-", starting and ending with a letter or digit, like "monorepo"',
  },
  '^@([a-z0-9]([a-z0-9_-]*[a-z0-9])?)$': {
    name: 'the source alias pattern',
    fix: 'use "@" and a source alias, like "@monorepo"',
  },
  '^@([a-z0-9]([a-z0-9_-]*[a-z0-9])?)/(.*)$': {
    name: 'the source path pattern',
    fix: 'use "@", a source alias, "/" and a path, like "@monorepo/apps/**"',
  },
  '^@(artifact)/(.*)$': {
    name: 'the artifact path pattern',
    fix: 'use "@artifact/" and a path, like "@artifact/apps/"',
  },
  '^[\\-._a-zA-Z0-9]+$': {
    name: 'the data key pattern',
    fix: 'use letters, digits, ".", "_" and "-" only, like "values.yaml"',
  },
  '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$': {
    name: 'the values path pattern',
    fix: 'use a dotted path with optional list indexes, like "ingress.hosts[0].host"',
  },
};

/** Describes `pattern` for an error message. */
export function patternHint(pattern: string): PatternHint {
  return HINTS[pattern] ?? { name: 'the pattern', fix: 'use a value that matches the pattern' };
}

const compiled = new Map<string, RegExp>();

/**
 * Compiles a CRD pattern once. The API server matches with Go's RE2 on code points: the `u` flag is the closest
 * JavaScript has; a pattern JavaScript rejects with it is tried without.
 */
export function compilePattern(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (!regexp) {
    try {
      regexp = new RegExp(pattern, 'u');
    } catch {
      regexp = new RegExp(pattern);
    }
    compiled.set(pattern, regexp);
  }
  return regexp;
}
