import { OciRef, OciRepository, formatIssue } from '../../lib';
import { service, synthErrorOf } from './fixture';

const SHA256 = `sha256:${'0123456789abcdef'.repeat(4)}`;
const SHA512 = `sha512:${'0123456789abcdef'.repeat(8)}`;

describe('OciRef', () => {
  test.each([
    ['tag', OciRef.tag('6.5.0'), { tag: '6.5.0' }],
    ['semver', OciRef.semver('>=6.0.0'), { semver: '>=6.0.0' }],
    ['semver with a filter', OciRef.semver('>=6.0.0', '.*-rc.*'), { semver: '>=6.0.0', semverFilter: '.*-rc.*' }],
    ['digest (sha256)', OciRef.digest(SHA256), { digest: SHA256 }],
    ['digest (sha512)', OciRef.digest(SHA512), { digest: SHA512 }],
  ])('OciRef.%s writes that spec.ref', (_kind, ref, expected) => {
    expect(ref.toJson()).toEqual(expected);
    expect(ref.problems).toEqual([]);
  });

  describe('bad input', () => {
    test.each([
      ['a tag', 'latest'],
      ['a digest without its algorithm', '0123456789abcdef'.repeat(4)],
      ['a shortened digest', 'sha256:0123abcd'],
      ['an upper-case digest', SHA256.toUpperCase()],
      ['an unknown algorithm', `md5:${'0123456789abcdef'.repeat(2)}`],
      ['a sha256 algorithm with a sha512 hash', `sha256:${'0123456789abcdef'.repeat(8)}`],
    ])('OciRef.digest keeps a problem for %s', (_what, digest) => {
      expect(OciRef.digest(digest).problems).toStrictEqual([
        {
          field: 'digest',
          value: digest,
          message: 'is not an OCI digest',
          fix: 'use "sha256:" followed by the 64 lower-case hex digits of the digest',
        },
      ]);
    });

    test.each([
      ['tag', () => OciRef.tag('')],
      ['semver', () => OciRef.semver(' ', '.*')],
    ])('OciRef.%s keeps a problem when empty', (field, make) => {
      expect(make().problems).toMatchObject([{ field, message: 'must not be empty', fix: `name the ${field}` }]);
    });

    test('GIVEN a bad ref in an OCIRepository WHEN synthesized THEN it is reported under the construct and ref.digest', () => {
      const { a } = service('x');
      const made = new OciRepository(a, 'app', { url: 'oci://ghcr.io/o/app', ref: OciRef.digest('sha256:0123abcd') });
      expect(synthErrorOf(made).issues.map(formatIssue)).toEqual([
        'r/services/x/OCIRepository/app: ref.digest "sha256:0123abcd" is not an OCI digest; ' +
          'use "sha256:" followed by the 64 lower-case hex digits of the digest',
      ]);
    });
  });
});
