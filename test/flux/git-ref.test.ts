import { GitRef } from '../../lib';
import { issueOf } from './fixture';

const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const SHA256 = '0123456789abcdef'.repeat(4);

describe('GitRef', () => {
  test.each([
    ['branch', GitRef.branch('main'), { branch: 'main' }],
    ['tag', GitRef.tag('v1.2.3'), { tag: 'v1.2.3' }],
    ['semver', GitRef.semver('>=1.0.0 <2.0.0'), { semver: '>=1.0.0 <2.0.0' }],
    ['commit (SHA-1)', GitRef.commit(SHA1), { commit: SHA1 }],
    ['commit (SHA-256)', GitRef.commit(SHA256), { commit: SHA256 }],
    ['refName', GitRef.refName('refs/pull/420/head'), { name: 'refs/pull/420/head' }],
  ])('GitRef.%s writes exactly that kind of spec.ref', (_kind, ref, expected) => {
    expect(ref.toJson()).toStrictEqual(expected);
  });

  test('GitRef.of accepts plain data with one kind, ignoring undefined keys', () => {
    expect(GitRef.of({ branch: 'main', tag: undefined }).toJson()).toStrictEqual({ branch: 'main' });
  });

  test('toJson returns a copy the caller cannot change the ref through', () => {
    const ref = GitRef.branch('main');
    Object.assign(ref.toJson(), { branch: 'other' });
    expect(ref.toJson()).toEqual({ branch: 'main' });
  });

  describe('bad input', () => {
    test('fails when two kinds of reference are given', () => {
      expect(() => GitRef.of({ branch: 'main', tag: 'v1' })).toThrow(
        /^ref ".*branch.*main.*tag.*v1.*" sets 2 kinds of reference \(branch, tag\); use exactly one of GitRef\.branch\(\), GitRef\.tag\(\)/,
      );
    });

    test('names the construct path it is given', () => {
      expect(() => GitRef.of({ branch: 'main', tag: 'v1' }, 'r/services/x/GitRepository/src')).toThrow(
        /^r\/services\/x\/GitRepository\/src: ref ".*" sets 2 kinds of reference/,
      );
      expect(issueOf(() => GitRef.of({ branch: 'main', tag: 'v1' }, 'r/services/x/GitRepository/src'))).toEqual({
        constructPath: 'r/services/x/GitRepository/src',
        field: 'ref',
        value: '{"branch":"main","tag":"v1"}',
        message: 'sets 2 kinds of reference (branch, tag)',
        fix: 'use exactly one of GitRef.branch(), GitRef.tag(), GitRef.semver(), GitRef.commit() or GitRef.refName()',
      });
    });

    test('fails when no kind of reference is given', () => {
      expect(() => GitRef.of({})).toThrow(/^ref "\{\}" names no revision; use exactly one of GitRef\.branch\(\)/);
    });

    test.each([
      ['branch', () => GitRef.branch(''), ''],
      ['tag', () => GitRef.tag('  '), '  '],
      ['semver', () => GitRef.semver(''), ''],
      ['name', () => GitRef.refName(''), ''],
    ])('fails when the %s is empty', (kind, make, value) => {
      expect(make).toThrow(new RegExp(`^ref\\.${kind} "${value}" must not be empty; name the ${kind}$`));
    });

    test.each([
      ['a short hash', 'abc1234'],
      ['an upper-case hash', SHA1.toUpperCase()],
      ['a 41-digit hash', `${SHA1}0`],
      ['a branch name', 'main'],
    ])('fails for %s as a commit', (_what, sha) => {
      expect(() => GitRef.commit(sha)).toThrow(
        new RegExp(
          `^ref\\.commit "${sha}" is not a full SHA-1 or SHA-256 commit hash; use the 40 \\(or 64\\) lower-case hex digits`,
        ),
      );
    });
  });
});
