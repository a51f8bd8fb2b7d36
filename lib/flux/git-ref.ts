import { Issue } from '../errors';
import { ICheckedValue } from './checked-value';

/** The `spec.ref` of a GitRepository, exactly one kind of reference. */
interface GitRefSpec {
  readonly branch?: string;
  readonly tag?: string;
  readonly semver?: string;
  readonly commit?: string;
  readonly name?: string;
}

/**
 * Which revision of a Git repository Flux checks out: one of branch, tag, semver range, commit or full reference name.
 *
 * A private constructor and one factory per kind make a ref with two kinds unrepresentable in code; `GitRef.of()`
 * accepts a plain object (from configuration data) and checks it.
 *
 * @see https://fluxcd.io/flux/components/source/gitrepositories/#reference
 */
export class GitRef implements ICheckedValue {
  /** The head of a branch, e.g. `GitRef.branch('main')`. */
  public static branch(name: string): GitRef {
    return GitRef.of({ branch: name });
  }

  /** A tag, e.g. `GitRef.tag('v1.2.3')`. */
  public static tag(name: string): GitRef {
    return GitRef.of({ tag: name });
  }

  /** The newest tag matching a semver range, e.g. `GitRef.semver('>=1.0.0 <2.0.0')`. */
  public static semver(range: string): GitRef {
    return GitRef.of({ semver: range });
  }

  /** One commit by its SHA-1 or SHA-256 hash. */
  public static commit(sha: string): GitRef {
    return GitRef.of({ commit: sha });
  }

  /** A full reference name, e.g. `refs/pull/420/head` or `refs/heads/main`. */
  public static refName(name: string): GitRef {
    return GitRef.of({ name });
  }

  /**
   * A ref from plain data; exactly one of `branch`, `tag`, `semver`, `commit`, `name` must be set. A problem does not
   * throw: it is kept in {@link GitRef.problems} and reported at synth by the construct the ref is given to.
   */
  public static of(spec: GitRefSpec): GitRef {
    const kinds = (Object.keys(spec) as (keyof GitRefSpec)[]).filter((k) => spec[k] !== undefined);
    if (kinds.length !== 1) {
      const given = Object.fromEntries(kinds.map((k) => [k, spec[k]]));
      return new GitRef(given, [
        {
          field: '',
          value: JSON.stringify(given),
          message:
            kinds.length === 0 ? 'names no revision' : `sets ${kinds.length} kinds of reference (${kinds.join(', ')})`,
          fix: 'use exactly one of GitRef.branch(), GitRef.tag(), GitRef.semver(), GitRef.commit() or GitRef.refName()',
        },
      ]);
    }
    const kind = kinds[0];
    const value = spec[kind] ?? '';
    const problems: Issue[] = [];
    if (value.trim() === '') {
      problems.push({ field: kind, value, message: 'must not be empty', fix: `name the ${kind}` });
    } else if (kind === 'commit' && !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value)) {
      problems.push({
        field: kind,
        value,
        message: 'is not a full SHA-1 or SHA-256 commit hash',
        fix: 'use the 40 (or 64) lower-case hex digits of the commit',
      });
    }
    return new GitRef({ [kind]: value }, problems);
  }

  private constructor(
    private readonly spec: GitRefSpec,
    /** What is wrong with the ref (see {@link ICheckedValue}); empty when it is fine. */
    public readonly problems: readonly Issue[],
  ) {}

  /** The `spec.ref` object. */
  public toJson(): GitRefSpec {
    return { ...this.spec };
  }
}
