import { Duration } from 'cdk8s';
import { OciProvider, OciRef, OciRepository, OciRepositoryProps } from '../../lib';
import { fileOf, manifestOf, service, specOf, synthProblem } from './fixture';

const URL = 'oci://ghcr.io/stefanprodan/manifests/podinfo';

describe('OciRepository', () => {
  test('writes the URL and a 5m interval, and nothing else, by default', () => {
    // GIVEN
    const { app, a } = service('x');
    // WHEN
    const repo = new OciRepository(a, 'podinfo', { url: URL });
    // THEN
    expect(specOf(repo)).toStrictEqual({ url: URL, interval: '5m' });
    expect(fileOf(app, 'services/x/ocirepository-podinfo.yaml')).toEqual(manifestOf(repo));
  });

  test.each<[string, Partial<OciRepositoryProps>, Record<string, unknown>]>([
    ['ref (tag)', { ref: OciRef.tag('6.5.0') }, { ref: { tag: '6.5.0' } }],
    [
      'ref (semver with a filter)',
      { ref: OciRef.semver('>=6.0.0-0', '.*-rc.*') },
      { ref: { semver: '>=6.0.0-0', semverFilter: '.*-rc.*' } },
    ],
    ['interval', { interval: Duration.hours(1) }, { interval: '1h' }],
    ['timeout', { timeout: '90s' }, { timeout: '90s' }],
    [
      'secret',
      { secret: { secretName: 'ghcr-auth', secretNamespace: 'flux-system' } },
      { secretRef: { name: 'ghcr-auth' } },
    ],
    ['insecure', { insecure: true }, { insecure: true }],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('writes %s to its spec field', (_option, props, expected) => {
    const { a } = service('x');
    const repo = new OciRepository(a, 'podinfo', { url: URL, ...props });
    expect(specOf(repo)).toStrictEqual({ url: URL, interval: '5m', ...expected });
  });

  test('writes a semver ref without a filter as the range alone', () => {
    const { a } = service('x');
    const repo = new OciRepository(a, 'podinfo', { url: URL, ref: OciRef.semver('6.x') });
    expect(specOf(repo).ref).toStrictEqual({ semver: '6.x' });
  });

  test.each([
    [OciProvider.GENERIC, 'generic'],
    [OciProvider.AWS, 'aws'],
    [OciProvider.AZURE, 'azure'],
    [OciProvider.GCP, 'gcp'],
  ])('writes provider %s as spec.provider "%s"', (provider, expected) => {
    const { a } = service('x');
    expect(specOf(new OciRepository(a, 'podinfo', { url: URL, provider })).provider).toBe(expected);
  });

  describe('bad input', () => {
    test('fails on an empty URL, showing a valid one', () => {
      const { a } = service('x');
      expect(synthProblem(() => new OciRepository(a, 'podinfo', { url: '' }))).toMatch(
        /^r\/services\/x\/OCIRepository\/podinfo: url "" must not be empty; set it to a URL such as "oci:\/\/ghcr\.io\/stefanprodan\/manifests\/podinfo"$/,
      );
    });

    test.each([
      ['an https URL', 'https://ghcr.io/stefanprodan/manifests/podinfo'],
      ['a registry path without a scheme', 'ghcr.io/stefanprodan/manifests/podinfo'],
      ['an ftp:// URL', 'ftp://example.com/podinfo'],
    ])('fails on %s, asking for oci://', (_what, url) => {
      const { a } = service('x');
      expect(synthProblem(() => new OciRepository(a, 'podinfo', { url }))).toMatch(
        new RegExp(
          `^r/services/x/OCIRepository/podinfo: url "${url}" is not a oci:// URL; use a URL such as "oci://ghcr\\.io/stefanprodan/manifests/podinfo"$`,
        ),
      );
    });

    test.each([
      ['interval', { interval: '5 min' }, '5 min'],
      ['timeout', { timeout: '-1m' }, '-1m'],
    ])('fails on a %s that is not a Flux duration', (field, props, value) => {
      const { a } = service('x');
      expect(synthProblem(() => new OciRepository(a, 'podinfo', { url: URL, ...props }))).toMatch(
        new RegExp(
          `^r/services/x/OCIRepository/podinfo: ${field} "${value}" is not a Flux duration; use a value like "5m"`,
        ),
      );
    });
  });

  test('OciRepository.fromName declares an external OCIRepository', () => {
    const { a } = service('x');
    expect(OciRepository.fromName(a, 'manifests', 'podinfo-manifests', { namespace: 'podinfo' }).ref).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      name: 'podinfo-manifests',
      namespace: 'podinfo',
    });
  });
});
