import { Duration } from 'cdk8s';
import { HelmRepository, HelmRepositoryProps, HelmRepositoryType } from '../../lib';
import { fileOf, manifestOf, service, specOf, synthProblem } from './fixture';

const URL = 'https://charts.jetstack.io';
const OCI_URL = 'oci://ghcr.io/stefanprodan/charts';

describe('HelmRepository', () => {
  test('writes the URL and a 1m interval, and no type, for an https URL', () => {
    // GIVEN
    const { app, a } = service('x');
    // WHEN
    const repo = new HelmRepository(a, 'jetstack', { url: URL });
    // THEN
    expect(specOf(repo)).toStrictEqual({ url: URL, interval: '1m' });
    expect(repo.type).toBe(HelmRepositoryType.DEFAULT);
    expect(fileOf(app, 'services/x/helmrepository-jetstack.yaml')).toEqual(manifestOf(repo));
  });

  test('infers the OCI type from an oci:// URL', () => {
    const { a } = service('x');
    const repo = new HelmRepository(a, 'podinfo', { url: OCI_URL });
    expect(specOf(repo)).toStrictEqual({ url: OCI_URL, interval: '1m', type: 'oci' });
    expect(repo.type).toBe(HelmRepositoryType.OCI);
  });

  test.each([
    [HelmRepositoryType.OCI, OCI_URL, 'oci'],
    [HelmRepositoryType.DEFAULT, 'http://charts.lan', undefined],
  ])('accepts type %s with a URL of its scheme', (type, url, written) => {
    const { a } = service('x');
    expect(specOf(new HelmRepository(a, 'charts', { url, type })).type).toBe(written);
  });

  test.each<[string, Partial<HelmRepositoryProps>, Record<string, unknown>]>([
    ['interval', { interval: Duration.minutes(90) }, { interval: '1h30m' }],
    ['timeout', { timeout: '3m' }, { timeout: '3m' }],
    [
      'secret',
      { secret: { secretName: 'charts-auth', secretNamespace: 'flux-system' } },
      { secretRef: { name: 'charts-auth' } },
    ],
    ['passCredentials', { passCredentials: true }, { passCredentials: true }],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('writes %s to its spec field', (_option, props, expected) => {
    const { a } = service('x');
    expect(specOf(new HelmRepository(a, 'jetstack', { url: URL, ...props }))).toStrictEqual({
      url: URL,
      interval: '1m',
      ...expected,
    });
  });

  describe('bad input', () => {
    test('fails on an empty URL, showing a valid one', () => {
      const { a } = service('x');
      expect(synthProblem(() => new HelmRepository(a, 'jetstack', { url: '' }))).toMatch(
        /^r\/services\/x\/HelmRepository\/jetstack: url "" must not be empty; set it to a URL such as "https:\/\/charts\.jetstack\.io"$/,
      );
    });

    test.each([
      ['an ftp:// URL', 'ftp://charts.example.com'],
      ['an ssh:// URL', 'ssh://git@github.com/o/charts'],
      ['a host without a scheme', 'charts.jetstack.io'],
    ])('fails on %s, naming the schemes it accepts', (_what, url) => {
      const { a } = service('x');
      expect(synthProblem(() => new HelmRepository(a, 'jetstack', { url }))).toMatch(
        new RegExp(
          `^r/services/x/HelmRepository/jetstack: url "${url}" is not a https://, http:// URL; use a URL such as "https://charts\\.jetstack\\.io"$`,
        ),
      );
    });

    test('fails when the OCI type is given with an https URL', () => {
      const { a } = service('x');
      expect(synthProblem(() => new HelmRepository(a, 'charts', { url: URL, type: HelmRepositoryType.OCI }))).toMatch(
        /^r\/services\/x\/HelmRepository\/charts: url "https:\/\/charts\.jetstack\.io" is not a oci:\/\/ URL; use a URL such as "oci:\/\/ghcr\.io\/stefanprodan\/charts"$/,
      );
    });

    test('fails when the default type is given with an oci:// URL', () => {
      const { a } = service('x');
      expect(
        synthProblem(() => new HelmRepository(a, 'charts', { url: OCI_URL, type: HelmRepositoryType.DEFAULT })),
      ).toMatch(
        /^r\/services\/x\/HelmRepository\/charts: url "oci:\/\/ghcr\.io\/stefanprodan\/charts" is not a https:\/\/, http:\/\/ URL/,
      );
    });

    test('fails on an interval that is not a Flux duration', () => {
      const { a } = service('x');
      expect(synthProblem(() => new HelmRepository(a, 'jetstack', { url: URL, interval: '5 min' }))).toMatch(
        /^r\/services\/x\/HelmRepository\/jetstack: interval "5 min" is not a Flux duration; use a value like "5m"/,
      );
    });
  });

  test('HelmRepository.fromName declares an external HelmRepository', () => {
    const { a } = service('x');
    expect(HelmRepository.fromName(a, 'bitnami', 'bitnami').ref).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      name: 'bitnami',
      namespace: 'flux-system',
    });
  });
});
