import { Issue } from '../errors';
import { ICheckedValue } from './checked-value';

interface OciRefSpec {
  readonly tag?: string;
  readonly semver?: string;
  readonly semverFilter?: string;
  readonly digest?: string;
}

/**
 * Which artifact of an OCI repository Flux pulls: a tag, the newest tag in a semver range, or a digest.
 *
 * @see https://fluxcd.io/flux/components/source/ocirepositories/#reference
 */
export class OciRef implements ICheckedValue {
  /** A tag, e.g. `OciRef.tag('6.5.0')`. */
  public static tag(tag: string): OciRef {
    return OciRef.check({ tag }, 'tag', tag);
  }

  /**
   * The newest tag in a semver range, e.g. `OciRef.semver('>=6.0.0')`.
   * @param filter a regular expression that tags must also match, e.g. `'.*-rc.*'`
   */
  public static semver(range: string, filter?: string): OciRef {
    return OciRef.check({ semver: range, semverFilter: filter }, 'semver', range);
  }

  /** One image digest, e.g. `OciRef.digest('sha256:...')`. */
  public static digest(digest: string): OciRef {
    const match = /^sha(256|384|512):([0-9a-f]+)$/.exec(digest);
    // A digest holds the whole hash: 64, 96 or 128 hex digits; Flux cannot pull a shortened one.
    const problems: Issue[] =
      match === null || match[2].length !== Number(match[1]) / 4
        ? [
            {
              field: 'digest',
              value: digest,
              message: 'is not an OCI digest',
              fix: 'use "sha256:" followed by the 64 lower-case hex digits of the digest',
            },
          ]
        : [];
    return new OciRef({ digest }, problems);
  }

  private static check(spec: OciRefSpec, field: string, value: string): OciRef {
    const problems: Issue[] =
      value.trim() === '' ? [{ field, value, message: 'must not be empty', fix: `name the ${field}` }] : [];
    return new OciRef(spec, problems);
  }

  private constructor(
    private readonly spec: OciRefSpec,
    /**
     * What is wrong with the ref (see {@link ICheckedValue}), reported at synth by the construct it is given to; empty
     * when it is fine.
     */
    public readonly problems: readonly Issue[],
  ) {}

  /** The `spec.ref` object. */
  public toJson(): OciRefSpec {
    return { ...this.spec };
  }
}
