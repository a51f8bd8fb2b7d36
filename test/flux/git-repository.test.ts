import { Duration } from 'cdk8s';
import { ExternalObject, GitRef, GitRepository, GitRepositoryProps } from '../../lib';
import { fileOf, manifestOf, service, specOf, synthProblem } from './fixture';

const URL = 'https://github.com/stefanprodan/podinfo';

describe('GitRepository', () => {
  test('writes the URL and a 1m interval, and nothing else, by default', () => {
    // GIVEN
    const { app, a } = service('x');
    // WHEN
    const repo = new GitRepository(a, 'podinfo', { url: URL });
    // THEN
    expect(specOf(repo)).toStrictEqual({ url: URL, interval: '1m' });
    expect(fileOf(app, 'services/x/gitrepository-podinfo.yaml')).toEqual(manifestOf(repo));
  });

  test.each<[string, Partial<GitRepositoryProps>, Record<string, unknown>]>([
    ['ref', { ref: GitRef.tag('6.5.0') }, { ref: { tag: '6.5.0' } }],
    ['interval', { interval: Duration.minutes(90) }, { interval: '1h30m' }],
    ['timeout', { timeout: Duration.seconds(90) }, { timeout: '1m30s' }],
    [
      'secret',
      { secret: { secretName: 'podinfo-auth', secretNamespace: 'flux-system' } },
      { secretRef: { name: 'podinfo-auth' } },
    ],
    ['ignore', { ignore: '/*\n!/deploy' }, { ignore: '/*\n!/deploy' }],
    ['recurseSubmodules', { recurseSubmodules: true }, { recurseSubmodules: true }],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('writes %s to its spec field', (_option, props, expected) => {
    const { a } = service('x');
    const repo = new GitRepository(a, 'podinfo', { url: URL, ...props });
    expect(specOf(repo)).toEqual({ url: URL, interval: '1m', ...expected });
  });

  test.each(['https://github.com/o/r', 'http://git.lan/o/r', 'ssh://git@github.com/o/r'])(
    'accepts the URL %s',
    (url) => {
      const { a } = service('x');
      expect(specOf(new GitRepository(a, 'src', { url })).url).toBe(url);
    },
  );

  describe('bad input', () => {
    test('fails on an empty URL, showing a valid one', () => {
      const { a } = service('x');
      expect(synthProblem(() => new GitRepository(a, 'src', { url: '' }))).toMatch(
        /^r\/services\/x\/GitRepository\/src: url "" must not be empty; set it to a URL such as "https:\/\/github\.com\/org\/repo"$/,
      );
    });

    test.each([
      ['an scp-style git@ address', 'git@github.com:o/r.git'],
      ['an ftp:// URL', 'ftp://example.com/r.git'],
      ['a URL without a scheme', 'github.com/o/r'],
      ['an oci:// URL', 'oci://ghcr.io/o/r'],
    ])('fails on %s, naming the schemes it accepts', (_what, url) => {
      const { a } = service('x');
      expect(synthProblem(() => new GitRepository(a, 'src', { url }))).toMatch(
        new RegExp(
          `^r/services/x/GitRepository/src: url "${url}" is not a https://, http://, ssh:// URL; use a URL such as "https://github\\.com/org/repo"$`,
        ),
      );
    });

    test.each([
      ['interval', { interval: '5 min' }, '5 min'],
      ['timeout', { timeout: '1 minute' }, '1 minute'],
    ])('fails on a %s that is not a Flux duration', (field, props, value) => {
      const { a } = service('x');
      expect(synthProblem(() => new GitRepository(a, 'src', { url: URL, ...props }))).toMatch(
        new RegExp(
          `^r/services/x/GitRepository/src: ${field} "${value}" is not a Flux duration; use a value like "5m", "1h30m" or "90s", or Duration\\.minutes\\(5\\)$`,
        ),
      );
    });
  });

  describe('GitRepository.fromName', () => {
    test('declares an external GitRepository in the given namespace, written to no file', () => {
      // GIVEN
      const { app, a } = service('x', { namespace: 'apps' });
      // WHEN
      const external = GitRepository.fromName(a, 'bootstrap', 'flux-system', { namespace: 'flux-system' });
      // THEN
      expect(ExternalObject.isExternalObject(external)).toBe(true);
      expect(external.ref).toEqual({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        name: 'flux-system',
        namespace: 'flux-system',
      });
      const tree = app.synthTree();
      expect([...tree.keys()].filter((f) => f.startsWith('services/x/'))).toEqual(['services/x/kustomization.yaml']);
      expect(tree.get('services/x/kustomization.yaml')).toContain('resources: []');
    });

    test("defaults to the application's namespace", () => {
      const { a } = service('x', { namespace: 'apps' });
      expect(GitRepository.fromName(a, 'shared', 'shared-source').ref.namespace).toBe('apps');
    });
  });
});
