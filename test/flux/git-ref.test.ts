import { GitRef, GitRepository, ImageUpdateAutomation, formatIssue } from '../../lib';
import { service, synthErrorOf, synthIssueOf } from './fixture';

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
    expect(ref.problems).toEqual([]);
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
    test('GIVEN two kinds of reference WHEN made THEN nothing throws and the ref keeps the problem', () => {
      expect(GitRef.of({ branch: 'main', tag: 'v1' }).problems).toStrictEqual([
        {
          field: '',
          value: '{"branch":"main","tag":"v1"}',
          message: 'sets 2 kinds of reference (branch, tag)',
          fix: 'use exactly one of GitRef.branch(), GitRef.tag(), GitRef.semver(), GitRef.commit() or GitRef.refName()',
        },
      ]);
    });

    test('GIVEN a bad ref in a GitRepository WHEN synthesized THEN the issue names its construct path, its prop and the line that made it', () => {
      const { a } = service('x');
      const issue = synthIssueOf(
        () =>
          new GitRepository(a, 'src', { url: 'https://github.com/o/r', ref: GitRef.of({ branch: 'main', tag: 'v1' }) }),
      );
      expect(issue).toStrictEqual({
        constructPath: 'r/services/x/GitRepository/src',
        field: 'ref',
        value: '{"branch":"main","tag":"v1"}',
        message: 'sets 2 kinds of reference (branch, tag)',
        fix: 'use exactly one of GitRef.branch(), GitRef.tag(), GitRef.semver(), GitRef.commit() or GitRef.refName()',
        source: expect.stringMatching(/git-ref\.test\.ts:\d+:\d+$/),
      });
    });

    test('GIVEN a bad checkout ref in an ImageUpdateAutomation WHEN synthesized THEN the issue names checkout', () => {
      const { a } = service('x');
      const fleet = new GitRepository(a, 'fleet', { url: 'ssh://git@github.com/o/fleet' });
      const made = new ImageUpdateAutomation(a, 'auto', {
        source: fleet,
        checkout: GitRef.commit('abc1234'),
        commit: { authorEmail: 'fluxcdbot@users.noreply.github.com' },
      });
      expect(synthErrorOf(made).issues.map(formatIssue)).toEqual([
        'r/services/x/ImageUpdateAutomation/auto: checkout.commit "abc1234" is not a full SHA-1 or SHA-256 commit hash; ' +
          'use the 40 (or 64) lower-case hex digits of the commit',
      ]);
    });

    test('GIVEN no kind of reference WHEN made THEN it names no revision', () => {
      expect(GitRef.of({}).problems).toMatchObject([{ field: '', value: '{}', message: 'names no revision' }]);
    });

    test.each([
      ['branch', () => GitRef.branch(''), ''],
      ['tag', () => GitRef.tag('  '), '  '],
      ['semver', () => GitRef.semver(''), ''],
      ['name', () => GitRef.refName(''), ''],
    ])('GIVEN an empty %s WHEN made THEN the problem is kept', (kind, make, value) => {
      expect(make().problems).toStrictEqual([
        { field: kind, value, message: 'must not be empty', fix: `name the ${kind}` },
      ]);
    });

    test.each([
      ['a short hash', 'abc1234'],
      ['an upper-case hash', SHA1.toUpperCase()],
      ['a 41-digit hash', `${SHA1}0`],
      ['a branch name', 'main'],
    ])('GIVEN %s as a commit WHEN made THEN the problem is kept', (_what, sha) => {
      expect(GitRef.commit(sha).problems).toStrictEqual([
        {
          field: 'commit',
          value: sha,
          message: 'is not a full SHA-1 or SHA-256 commit hash',
          fix: 'use the 40 (or 64) lower-case hex digits of the commit',
        },
      ]);
    });
  });
});
