import { k8s } from 'cdk8s-plus-30';
import {
  ArtifactVerification,
  GitProvider,
  GitRef,
  GitRepository,
  GitVerificationMode,
  HelmChart,
  HelmRepository,
  OciProvider,
  OciRef,
  OciRepository,
  externalSecret,
} from '../../lib';
import { service, specOf, synthErrorOf, synthProblem } from './fixture';

// The fields of the three sources beyond URL, ref, intervals and credentials: each written as Flux reads it, each
// Secret taken as the object, each mistake reported with its path, field, value and fix.

const GIT = 'https://github.com/stefanprodan/podinfo';
const OCI = 'oci://ghcr.io/stefanprodan/manifests/podinfo';

describe('GitRepository fields', () => {
  test('writes provider, ServiceAccount, proxy, verification, sparse checkout and included repositories', () => {
    const { a } = service('x');
    const shared = new GitRepository(a, 'shared', { url: 'https://github.com/o/shared' });
    const proxy = new k8s.KubeSecret(a, 'proxy', { metadata: { name: 'git-proxy', namespace: 'flux-system' } });
    const repo = new GitRepository(a, 'podinfo', {
      url: GIT,
      ref: GitRef.tag('6.5.0'),
      provider: GitProvider.AZURE,
      serviceAccountName: 'git-reader',
      proxySecret: proxy,
      verify: { secret: externalSecret(a, 'keys', 'trusted-authors'), mode: GitVerificationMode.TAG_AND_HEAD },
      sparseCheckout: ['./kustomize', './charts'],
      include: [{ repository: shared, fromPath: 'deploy', toPath: 'shared' }, { repository: shared }],
    });
    expect(specOf(repo)).toStrictEqual({
      url: GIT,
      interval: '1m',
      ref: { tag: '6.5.0' },
      provider: 'azure',
      serviceAccountName: 'git-reader',
      proxySecretRef: { name: 'git-proxy' },
      verify: { mode: 'TagAndHEAD', secretRef: { name: 'trusted-authors' } },
      sparseCheckout: ['./kustomize', './charts'],
      include: [
        { repository: { name: 'shared' }, fromPath: 'deploy', toPath: 'shared' },
        { repository: { name: 'shared' } },
      ],
    });
  });

  test('a HEAD verification needs no tag, and its mode is left to the default', () => {
    const { app, a } = service('x');
    const repo = new GitRepository(a, 'podinfo', { url: GIT, verify: { secret: externalSecret(a, 'k', 'keys') } });
    expect(specOf(repo).verify).toStrictEqual({ secretRef: { name: 'keys' } });
    expect(() => app.synthTree()).not.toThrow();
  });

  const PREFIX = 'r/services/x/GitRepository/podinfo';

  test.each([
    [
      'a ServiceAccount with the generic provider',
      { serviceAccountName: 'sa' },
      `${PREFIX}: serviceAccountName "sa" is set with provider "generic"; the API server accepts it only for "aws" and "azure"; set provider: GitProvider.AWS or GitProvider.AZURE, or drop serviceAccountName`,
    ],
    [
      'a ServiceAccount with the GitHub App provider',
      { serviceAccountName: 'sa', provider: GitProvider.GITHUB },
      `${PREFIX}: serviceAccountName "sa" is set with provider "github"; the API server accepts it only for "aws" and "azure"; set provider: GitProvider.AWS or GitProvider.AZURE, or drop serviceAccountName`,
    ],
    [
      'a provider that is not one',
      { provider: 'gitlab' as GitProvider },
      `${PREFIX}: provider "gitlab" is not a Git provider; use a GitProvider value`,
    ],
  ])('fails on %s', (_what, props, message) => {
    const { a } = service('x');
    expect(synthProblem(() => new GitRepository(a, 'podinfo', { url: GIT, ...props }))).toBe(message);
  });

  test('fails on a tag verification of a branch, which source-controller cannot verify', () => {
    const { a } = service('x');
    const keys = externalSecret(a, 'k', 'keys');
    expect(
      synthProblem(
        () =>
          new GitRepository(a, 'podinfo', {
            url: GIT,
            ref: GitRef.branch('main'),
            verify: { secret: keys, mode: GitVerificationMode.TAG },
          }),
      ),
    ).toBe(
      `${PREFIX}: verify.mode "Tag" verifies a tag, but ref names no tag; source-controller fails the reconciliation; use GitRef.tag(...) or GitRef.semver(...) as ref, or mode GitVerificationMode.HEAD`,
    );
  });

  test.each([GitRef.tag('v1'), GitRef.semver('>=1.0.0'), GitRef.refName('refs/tags/v1')])(
    'accepts a tag verification of %j',
    (ref) => {
      const { app, a } = service('x');
      const keys = externalSecret(a, 'k', 'keys');
      new GitRepository(a, 'podinfo', { url: GIT, ref, verify: { secret: keys, mode: GitVerificationMode.TAG } });
      expect(() => app.synthTree()).not.toThrow();
    },
  );

  test('fails on an included repository or a Secret of another namespace, all at once', () => {
    const { a } = service('x');
    const other = GitRepository.fromName(a, 'other', 'shared', { namespace: 'apps' });
    const proxy = externalSecret(a, 'proxy', 'git-proxy', { namespace: 'apps' });
    const error = synthErrorOf(
      new GitRepository(a, 'podinfo', { url: GIT, include: [{ repository: other }], proxySecret: proxy }),
    );
    expect(error.issues.map((i) => `${i.field} ${i.value}: ${i.message}; ${i.fix}`)).toStrictEqual([
      'proxySecret apps/git-proxy: is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace; make the Secret in namespace "flux-system"',
      'include[0].repository apps/shared: is in another namespace than this object ("flux-system"); Flux looks for the GitRepository in the same namespace; make the GitRepository in namespace "flux-system"',
    ]);
  });
});

describe('HelmRepository fields', () => {
  test('writes the TLS Secret, provider and insecure of an OCI repository, and accessFrom as given', () => {
    const { a } = service('x');
    const ca = externalSecret(a, 'ca', 'registry-ca');
    const repo = new HelmRepository(a, 'charts', {
      url: 'oci://registry.lan/charts',
      certSecret: ca,
      provider: OciProvider.AWS,
      insecure: true,
      accessFrom: { namespaceSelectors: [{ matchLabels: { team: 'apps' } }] },
    });
    expect(specOf(repo)).toStrictEqual({
      url: 'oci://registry.lan/charts',
      type: 'oci',
      interval: '1m',
      certSecretRef: { name: 'registry-ca' },
      provider: 'aws',
      insecure: true,
      accessFrom: { namespaceSelectors: [{ matchLabels: { team: 'apps' } }] },
    });
  });

  test('fails on a cloud provider and insecure on a default repository, where Flux ignores them', () => {
    const { a } = service('x');
    const error = synthErrorOf(
      new HelmRepository(a, 'charts', { url: 'https://charts.lan', provider: OciProvider.GCP, insecure: true }),
    );
    expect(error.issues.map((i) => `${i.field} ${i.value}: ${i.message}; ${i.fix}`)).toStrictEqual([
      'provider gcp: is ignored by Flux on a repository that is not OCI; drop it, or use an oci:// URL (HelmRepositoryType.OCI)',
      'insecure true: is ignored by Flux on a repository that is not OCI; drop it, or use an oci:// URL (HelmRepositoryType.OCI)',
    ]);
  });

  test('accepts the generic provider on a default repository, as the API server defaults it', () => {
    const { app, a } = service('x');
    const repo = new HelmRepository(a, 'charts', { url: 'https://charts.lan', provider: OciProvider.GENERIC });
    expect(specOf(repo).provider).toBe('generic');
    expect(() => app.synthTree()).not.toThrow();
  });
});

describe('OCIRepository fields', () => {
  test('writes ServiceAccount, TLS and proxy Secrets, ignore rules and a keyless cosign verification', () => {
    const { a } = service('x');
    const repo = new OciRepository(a, 'podinfo', {
      url: OCI,
      ref: OciRef.semver('6.x'),
      serviceAccountName: 'puller',
      certSecret: externalSecret(a, 'ca', 'registry-ca'),
      proxySecret: externalSecret(a, 'proxy', 'registry-proxy'),
      ignore: '/*\n!/manifests',
      verify: ArtifactVerification.cosign({
        matchOidcIdentity: [
          {
            issuer: '^https://token.actions.githubusercontent.com$',
            subject: '^https://github.com/stefanprodan/podinfo.*$',
          },
        ],
        trustedRootSecret: externalSecret(a, 'root', 'sigstore-root'),
      }),
    });
    expect(specOf(repo)).toStrictEqual({
      url: OCI,
      interval: '5m',
      ref: { semver: '6.x' },
      serviceAccountName: 'puller',
      certSecretRef: { name: 'registry-ca' },
      proxySecretRef: { name: 'registry-proxy' },
      ignore: '/*\n!/manifests',
      verify: {
        provider: 'cosign',
        matchOIDCIdentity: [
          {
            issuer: '^https://token.actions.githubusercontent.com$',
            subject: '^https://github.com/stefanprodan/podinfo.*$',
          },
        ],
        trustedRootSecretRef: { name: 'sigstore-root' },
      },
    });
  });

  test('writes a notation verification with its trust policy Secret, made in code', () => {
    const { a } = service('x');
    const trust = new k8s.KubeSecret(a, 'trust', { metadata: { name: 'notation-trust', namespace: 'flux-system' } });
    const repo = new OciRepository(a, 'podinfo', { url: OCI, verify: ArtifactVerification.notation(trust) });
    expect(specOf(repo).verify).toStrictEqual({ provider: 'notation', secretRef: { name: 'notation-trust' } });
  });

  test('fails on public keys of another namespace and a ConfigMap given as a Secret', () => {
    const { a } = service('x');
    const keys = externalSecret(a, 'keys', 'cosign-keys', { namespace: 'apps' });
    const map = new k8s.KubeConfigMap(a, 'map', { metadata: { name: 'not-a-secret', namespace: 'flux-system' } });
    const error = synthErrorOf(
      new OciRepository(a, 'podinfo', {
        url: OCI,
        verify: ArtifactVerification.cosign({ secret: keys }),
        certSecret: map,
      }),
    );
    expect(error.issues.map((i) => `${i.field} ${i.value}: ${i.message}`)).toStrictEqual([
      'certSecret ConfigMap/not-a-secret: is not a Secret',
      'verify.secret apps/cosign-keys: is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace',
    ]);
  });
});

describe('HelmChart verification', () => {
  test('fails on a trusted root, which only an OCIRepository takes', () => {
    const { a } = service('x');
    const oci = new HelmRepository(a, 'oci', { url: 'oci://ghcr.io/stefanprodan/charts' });
    const root = externalSecret(a, 'root', 'sigstore-root');
    expect(
      synthProblem(
        () =>
          new HelmChart(a, 'podinfo', {
            source: oci,
            chart: 'podinfo',
            verify: ArtifactVerification.cosign({ trustedRootSecret: root }),
          }),
      ),
    ).toBe(
      'r/services/x/HelmChart/podinfo: verify.trustedRootSecret is only taken by an OCIRepository; this kind has no verify.trustedRootSecretRef; drop trustedRootSecret',
    );
  });
});
