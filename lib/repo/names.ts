import { Issue, fail } from '../errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The problem of a name that becomes both a folder of the tree and a Kubernetes object name (an application or a
 * layer), which must be a DNS-1123 label; `undefined` when it is one. Reported at synth with the app's other problems.
 * A name the constructs library cannot hold at all (empty, or a name of `Object.prototype`) fails at once: no
 * construct can be made with it.
 */
export function folderNameProblem(
  value: string,
  where: { readonly path: string; readonly field: string },
): Issue | undefined {
  const problem: Issue | undefined =
    DNS_LABEL.test(value) && value.length <= 63
      ? undefined
      : {
          constructPath: where.path,
          field: where.field,
          value,
          message: 'is not a valid folder and object name (lower-case letters, digits and "-", at most 63)',
          fix: 'use a name such as "cert-manager"',
        };
  // The constructs library keeps children in a plain object, where the names of Object.prototype are already taken.
  const reserved = Object.prototype.hasOwnProperty.call(Object.prototype, value);
  if (problem && (reserved || value === '')) fail(problem);
  if (reserved) {
    fail({
      constructPath: where.path,
      field: where.field,
      value,
      message: 'is a name the constructs library cannot give a child construct',
      fix: `use another name, such as "${value}-app"`,
    });
  }
  return problem;
}

/**
 * The problem of a path inside the git repository that is not relative, `/`-separated and free of `.`/`..` segments
 * (a leading `./` and a trailing `/` are fine); `undefined` when it is such a path. Reported at synth with the app's
 * other problems.
 */
export function repoPathProblem(
  value: string,
  where: { readonly path: string; readonly field: string },
): Issue | undefined {
  const trimmed = value.replace(/^\.\//, '').replace(/\/+$/, '');
  const segments = trimmed === '' ? [] : trimmed.split('/');
  const bad =
    value.startsWith('/') || value.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..');
  if (!bad) return undefined;
  return {
    constructPath: where.path,
    field: where.field,
    value,
    message: 'is not a relative path inside the git repository',
    fix: 'use a path such as "clusters/production" (no leading "/", no "." or ".." segments), or "" for the root',
  };
}

/**
 * A path inside the git repository without leading `./` or trailing `/`; the empty string is the repository root.
 * Empty, `.` and `..` segments are dropped: {@link repoPathProblem} reports a path that has them.
 */
export function normaliseRepoPath(value: string): string {
  return value
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .join('/');
}
