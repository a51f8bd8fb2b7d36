import { OciRef } from '../../lib';

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
  });

  describe('bad input', () => {
    test.each([
      ['a tag', 'latest'],
      ['a digest without its algorithm', '0123456789abcdef'.repeat(4)],
      ['a shortened digest', 'sha256:0123abcd'],
      ['an upper-case digest', SHA256.toUpperCase()],
      ['an unknown algorithm', `md5:${'0123456789abcdef'.repeat(2)}`],
      ['a sha256 algorithm with a sha512 hash', `sha256:${'0123456789abcdef'.repeat(8)}`],
    ])('OciRef.digest fails for %s', (_what, digest) => {
      // (a value longer than 120 characters is shortened in the message)
      expect(() => OciRef.digest(digest)).toThrow(
        new RegExp(`^ref\\.digest "${digest.slice(0, 100)}.*" is not an OCI digest; use "sha256:" followed by the 64 `),
      );
    });

    test.each([
      ['tag', () => OciRef.tag('')],
      ['semver', () => OciRef.semver(' ', '.*')],
    ])('OciRef.%s fails when empty', (field, make) => {
      expect(make).toThrow(new RegExp(`^ref\\.${field} ".*" must not be empty; name the ${field}$`));
    });
  });
});
