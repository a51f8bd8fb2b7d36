import { Duration } from 'cdk8s';
import { ImageRepository, ImageRepositoryProps, OciProvider, externalSecret } from '../../lib';
import { allIssuesOf } from './all-issues';
import { fileOf, manifestOf, service, specOf } from './fixture';

const IMAGE = 'ghcr.io/stefanprodan/podinfo';
const PATH = 'r/services/x/ImageRepository/podinfo';

describe('ImageRepository', () => {
  test('GIVEN an image WHEN made THEN writes it with a 5m interval, in a file of its own', () => {
    const { app, a } = service('x');
    const repo = new ImageRepository(a, 'podinfo', { image: IMAGE });
    expect(manifestOf(repo).apiVersion).toBe('image.toolkit.fluxcd.io/v1');
    expect(specOf(repo)).toStrictEqual({ image: IMAGE, interval: '5m' });
    expect(fileOf(app, 'services/x/imagerepository-podinfo.yaml')).toEqual(manifestOf(repo));
  });

  test.each<[string, Partial<ImageRepositoryProps>, Record<string, unknown>]>([
    ['interval', { interval: Duration.hours(1) }, { interval: '1h' }],
    ['timeout', { timeout: '90s' }, { timeout: '90s' }],
    ['provider', { provider: OciProvider.AWS }, { provider: 'aws' }],
    ['the generic provider, as given', { provider: OciProvider.GENERIC }, { provider: 'generic' }],
    ['serviceAccountName', { serviceAccountName: 'puller' }, { serviceAccountName: 'puller' }],
    ['insecure', { insecure: true }, { insecure: true }],
    ['exclusionList', { exclusionList: ['^.*\\.sig$', '^sha-'] }, { exclusionList: ['^.*\\.sig$', '^sha-'] }],
    [
      'accessFrom',
      { accessFrom: [{}, { team: 'web' }] },
      { accessFrom: { namespaceSelectors: [{ matchLabels: {} }, { matchLabels: { team: 'web' } }] } },
    ],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('GIVEN %s WHEN made THEN writes it to its spec field', (_field, props, expected) => {
    const { a } = service('x');
    expect(specOf(new ImageRepository(a, 'podinfo', { image: IMAGE, ...props }))).toStrictEqual({
      image: IMAGE,
      interval: '5m',
      ...expected,
    });
  });

  test('GIVEN Secret objects WHEN referenced THEN writes secretRef, certSecretRef and proxySecretRef', () => {
    const { a } = service('x');
    const repo = new ImageRepository(a, 'podinfo', {
      image: IMAGE,
      secret: externalSecret(a, 'pull', 'ghcr-auth'),
      certSecret: { secretName: 'registry-ca', secretNamespace: 'flux-system' },
      proxySecret: externalSecret(a, 'proxy', 'proxy'),
    });
    expect(specOf(repo)).toMatchObject({
      secretRef: { name: 'ghcr-auth' },
      certSecretRef: { name: 'registry-ca' },
      proxySecretRef: { name: 'proxy' },
    });
  });

  test.each<[string, Partial<ImageRepositoryProps>, string[]]>([
    [
      'an empty image',
      { image: ' ' },
      [`${PATH}: image " " must not be empty; set it to an image such as "ghcr.io/stefanprodan/podinfo"`],
    ],
    [
      'an image with a scheme and a timeout in hours',
      { image: `https://${IMAGE}`, timeout: Duration.hours(2) },
      [
        `${PATH}: image "https://ghcr.io/stefanprodan/podinfo" starts with a URL scheme; write the image without it, e.g. "ghcr.io/stefanprodan/podinfo"`,
        `${PATH}: timeout "2h" is not a duration in ms, s or m; use a value like "30s" or "1m30s"`,
      ],
    ],
    [
      'a Secret of another namespace and a long ServiceAccount name',
      { secret: externalSecretIn('apps'), serviceAccountName: 'a'.repeat(254) },
      [
        `${PATH}: serviceAccountName "${'a'.repeat(117)}..." is longer than 253 characters; use the ServiceAccount's name`,
        `${PATH}: secret "apps/pull" is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace; make the Secret in namespace "flux-system"`,
      ],
    ],
  ])('GIVEN %s WHEN made THEN fails with every message', (_what, props, expected) => {
    const { a } = service('x');
    expect(allIssuesOf(() => new ImageRepository(a, 'podinfo', { image: IMAGE, ...props }))).toStrictEqual(expected);
  });
});

/** A Secret declared external in `namespace`, outside any application. */
function externalSecretIn(namespace: string) {
  const { repo } = service('y');
  return externalSecret(repo, 'pull', 'pull', { namespace });
}
