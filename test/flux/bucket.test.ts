import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-30';
import { BucketSpecProvider } from '../../imports/source.toolkit.fluxcd.io';
import {
  Bucket,
  BucketProps,
  BucketProvider,
  BucketSts,
  HelmChart,
  HelmChartSource,
  HelmRelease,
  Kustomization,
  externalSecret,
} from '../../lib';
import { allIssuesOf } from './all-issues';
import { fileOf, manifestOf, service, specOf, synthIssueOf, synthProblem } from './fixture';

const PATH = 'r/services/x/Bucket/b';
const BASE = { bucketName: 'podinfo', endpoint: 'minio.minio.svc.cluster.local:9000' } as const;

describe('Bucket', () => {
  test('GIVEN a bucket and an endpoint WHEN made with defaults THEN writes them with a 5m interval, in a file of its own', () => {
    const { app, a } = service('x');
    const b = new Bucket(a, 'podinfo', BASE);
    expect(manifestOf(b)).toStrictEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { bucketName: 'podinfo', endpoint: 'minio.minio.svc.cluster.local:9000', interval: '5m' },
    });
    expect(b.provider).toBe(BucketProvider.GENERIC);
    expect(fileOf(app, 'services/x/bucket-podinfo.yaml')).toEqual(manifestOf(b));
  });

  test.each<[string, Partial<BucketProps>, Record<string, unknown>]>([
    ['provider', { provider: BucketProvider.AWS }, { provider: 'aws' }],
    ['region', { region: 'eu-west-1' }, { region: 'eu-west-1' }],
    ['prefix', { prefix: 'apps/' }, { prefix: 'apps/' }],
    ['interval', { interval: Duration.minutes(90) }, { interval: '1h30m' }],
    ['timeout', { timeout: '30s' }, { timeout: '30s' }],
    ['insecure', { insecure: true }, { insecure: true }],
    ['ignore', { ignore: '*.md' }, { ignore: '*.md' }],
    ['suspend', { suspend: true }, { suspend: true }],
    [
      'serviceAccountName',
      { provider: BucketProvider.GCP, serviceAccountName: 'flux-gcs' },
      { provider: 'gcp', serviceAccountName: 'flux-gcs' },
    ],
  ])('GIVEN %s WHEN made THEN writes it to its spec field', (_field, props, expected) => {
    const { a } = service('x');
    expect(specOf(new Bucket(a, 'b', { ...BASE, ...props }))).toStrictEqual({
      bucketName: 'podinfo',
      endpoint: 'minio.minio.svc.cluster.local:9000',
      interval: '5m',
      ...expected,
    });
  });

  test('GIVEN every BucketProvider WHEN listed THEN it is exactly the enum of the served CRD', () => {
    expect([...Object.values(BucketProvider)].sort()).toStrictEqual([...Object.values(BucketSpecProvider)].sort());
  });

  test('GIVEN a k8s Secret, an external Secret and a cdk8s-plus Secret WHEN referenced THEN each writes its name', () => {
    const { a } = service('x');
    const keys = new kplus.k8s.KubeSecret(a, 'keys', { metadata: { name: 'minio-keys' } });
    const ca = externalSecret(a, 'ca', 'corp-ca');
    const proxy = new kplus.Secret(a, 'proxy', { metadata: { name: 'proxy-auth' } });
    const b = new Bucket(a, 'b', { ...BASE, secret: keys, certSecret: ca, proxySecret: proxy });
    expect(specOf(b)).toMatchObject({
      secretRef: { name: 'minio-keys' },
      certSecretRef: { name: 'corp-ca' },
      proxySecretRef: { name: 'proxy-auth' },
    });
  });

  test('GIVEN a Secret of another namespace WHEN referenced THEN fails naming the Secret and the fix', () => {
    const { a } = service('x');
    const other = externalSecret(a, 'k', 'minio-keys', { namespace: 'minio' });
    expect(synthIssueOf(() => new Bucket(a, 'b', { ...BASE, secret: other }))).toMatchObject({
      constructPath: PATH,
      field: 'secret',
      value: 'minio/minio-keys',
      message:
        'is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace',
      source: expect.stringMatching(/^test\/flux\/bucket.test.ts:79:/) as unknown,
      fix: 'make the Secret in namespace "flux-system"',
    });
  });

  test('GIVEN an AWS STS for an aws bucket and an LDAP STS for a generic one WHEN made THEN sts is written', () => {
    const { a } = service('x');
    const ldapCredentials = externalSecret(a, 'ldap', 'ldap-credentials');
    const aws = new Bucket(a, 'aws', {
      ...BASE,
      provider: BucketProvider.AWS,
      sts: BucketSts.aws('https://sts.amazonaws.com'),
    });
    const ldap = new Bucket(a, 'ldap', {
      ...BASE,
      sts: BucketSts.ldap('https://minio.example.com', { secret: ldapCredentials }),
    });
    expect(specOf(aws).sts).toStrictEqual({ provider: 'aws', endpoint: 'https://sts.amazonaws.com' });
    expect(specOf(ldap).sts).toStrictEqual({
      provider: 'ldap',
      endpoint: 'https://minio.example.com',
      secretRef: { name: 'ldap-credentials' },
    });
  });

  test.each<[string, Partial<BucketProps>, string[]]>([
    [
      'an STS for a gcp bucket',
      { provider: BucketProvider.GCP, sts: BucketSts.aws('https://sts.amazonaws.com') },
      [
        `${PATH}: sts "aws" is not supported for the 'gcp' Bucket provider; STS configuration is only supported for the 'aws' and 'generic' Bucket providers; drop sts`,
      ],
    ],
    [
      'an LDAP STS for an aws bucket',
      { provider: BucketProvider.AWS, sts: BucketSts.ldap('https://minio.example.com') },
      [
        `${PATH}: sts "ldap" is not supported for the 'aws' Bucket provider: 'aws' is the only supported STS provider for it; use BucketSts.aws(...)`,
      ],
    ],
    [
      'an AWS STS for a generic bucket, at an address without a scheme',
      { sts: BucketSts.aws('sts.amazonaws.com') },
      [
        `${PATH}: sts "aws" is not supported for the 'generic' Bucket provider: 'ldap' is the only supported STS provider for it; use BucketSts.ldap(...)`,
        `${PATH}: sts.endpoint "sts.amazonaws.com" is not an http(s):// URL; use a URL such as "https://sts.amazonaws.com"`,
      ],
    ],
    [
      'a ServiceAccount for a generic bucket that has a Secret too',
      { serviceAccountName: 'flux', secret: { secretName: 'keys', secretNamespace: 'flux-system' } },
      [
        `${PATH}: serviceAccountName "flux" is not supported for the 'generic' Bucket provider; use secret for a generic bucket, or the provider whose workload identity the ServiceAccount has`,
        `${PATH}: serviceAccountName "flux" cannot be set together with secret; keep one of secret (static credentials) and serviceAccountName (workload identity)`,
      ],
    ],
    [
      'a timeout in hours',
      { timeout: '1h' },
      [`${PATH}: timeout "1h" is not a duration in ms, s or m; use a value like "30s" or "1m30s"`],
    ],
  ])('GIVEN %s WHEN made THEN fails with every CRD rule it breaks', (_case, props, expected) => {
    const { a } = service('x');
    expect(allIssuesOf(() => new Bucket(a, 'b', { ...BASE, ...props }))).toStrictEqual(expected);
  });

  test('GIVEN an empty bucket name WHEN synthesized THEN the synth fails naming the field and the fix', () => {
    const { a } = service('x');
    expect(synthProblem(() => new Bucket(a, 'b', { ...BASE, bucketName: ' ' }))).toContain(
      `${PATH}: bucketName " " must not be empty; give the name of the bucket`,
    );
  });

  test('GIVEN a bucket WHEN a Kustomization, a HelmChart and a HelmRelease take it as their source THEN sourceRef names it', () => {
    const { app, a } = service('x');
    const b = new Bucket(a, 'manifests', BASE);
    const k = new Kustomization(a, 'apps', { source: b, path: './apps' });
    const chart = new HelmChart(a, 'podinfo', { source: b, chart: './charts/podinfo' });
    const release = new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromBucket(b, './charts/podinfo') });
    const ref = { kind: 'Bucket', name: 'manifests' };
    expect(specOf(k).sourceRef).toStrictEqual(ref);
    expect(specOf(chart).sourceRef).toStrictEqual(ref);
    expect((specOf(release).chart as { spec: { sourceRef: unknown } }).spec.sourceRef).toStrictEqual(ref);
    expect(() => app.synthTree()).not.toThrow();
  });

  test('GIVEN a bucket declared external WHEN a Kustomization builds from it THEN its namespace is written', () => {
    const { app, a } = service('x');
    const b = Bucket.fromName(a, 'shared', 'shared-manifests', { namespace: 'sources' });
    const k = new Kustomization(a, 'apps', { source: b });
    expect(specOf(k).sourceRef).toStrictEqual({ kind: 'Bucket', name: 'shared-manifests', namespace: 'sources' });
    expect(() => app.synthTree()).not.toThrow();
  });
});
