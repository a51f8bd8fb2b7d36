/**
 * The example cluster: a homelab synced by Flux from `cluster-resources/` of its git repository.
 *
 *   npm run synth      # writes dist/cluster-resources/...
 */
import { k8s } from 'cdk8s-plus-30';
import {
  FluxApp,
  GitOpsRepository,
  GitRef,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  Kustomization,
  SopsSecret,
} from './lib';

/**
 * The example cluster's keys, public on purpose so that tests can decrypt: the private halves are in
 * `test/fixtures/example-pgp-key.NEVER-USE.asc` and `test/fixtures/example-age-key.NEVER-USE.txt`. Use keys of your
 * own (`gpg --quick-gen-key`, `age-keygen`), give their private halves to Flux as the `sops-gpg` Secret
 * (`sops.asc`, `age.agekey`), and re-encrypt your secrets for them (`cdk8s-flux secret updatekeys`).
 */
export const EXAMPLE_PGP_FINGERPRINT = 'DBDCBDC8E7A87AFE42A8B8E04B44C666FEAB1C93';
/** The age recipient the example secrets are also encrypted for; see {@link EXAMPLE_PGP_FINGERPRINT}. */
export const EXAMPLE_AGE_RECIPIENT = 'age1reftary285v4rpak8y4wh0dv3d2qnww9tg2w5jjzgxpekyt68s3spp8gd4';

/** Declares the example cluster in `app`; `main.ts` run as a program synthesizes it. */
export function homelab(app: FluxApp): GitOpsRepository {
  const repo = new GitOpsRepository(app, 'homelab', {
    url: 'ssh://git@github.com/example/homelab',
    branch: 'main',
    path: 'cluster-resources',
    // The seed decrypts with PGP, from the Secret flux-system/sops-gpg; the age key beside it works as well.
    sops: { pgpFingerprint: EXAMPLE_PGP_FINGERPRINT, ageRecipient: EXAMPLE_AGE_RECIPIENT, secretName: 'sops-gpg' },
    // dist/ of this project is a copy of what the homelab repository holds at its root
    separateRepository: true,
  });

  // Infrastructure: cert-manager and ingress-nginx, each a Namespace, a HelmRepository and a HelmRelease.
  const certManager = repo.infrastructure('cert-manager', { namespace: 'cert-manager' });
  new k8s.KubeNamespace(certManager, 'namespace', { metadata: { name: 'cert-manager' } });
  const jetstack = new HelmRepository(certManager, 'jetstack', { url: 'https://charts.jetstack.io', interval: '5m' });
  new HelmRelease(certManager, 'cert-manager', {
    chart: HelmChartSource.fromRepository(jetstack, 'cert-manager', { version: '>=v1.12.0 <1.13.0', interval: '1m' }),
    values: { installCRDs: true },
  });

  const ingressNginx = repo.infrastructure('ingress-nginx', { namespace: 'ingress-nginx' });
  new k8s.KubeNamespace(ingressNginx, 'namespace', { metadata: { name: 'ingress-nginx' } });
  const ingressCharts = new HelmRepository(ingressNginx, 'charts', {
    name: 'ingress-nginx',
    url: 'https://kubernetes.github.io/ingress-nginx',
    interval: '1h',
  });
  new HelmRelease(ingressNginx, 'ingress-nginx', {
    chart: HelmChartSource.fromRepository(ingressCharts, 'ingress-nginx', { version: '4.x' }),
    values: { controller: { service: { type: 'LoadBalancer' } } },
    install: { retries: 3 },
  });

  // Services. podinfo the Kustomize way, exactly as the seed repository deploys it: the folder's Flux Kustomization
  // flux-system/podinfo applies a GitRepository and a Kustomization of namespace default, both named podinfo too.
  const podinfo = repo.service('podinfo', { namespace: 'default', interval: '10m0s' });
  const podinfoSource = new GitRepository(podinfo, 'podinfo', {
    url: 'https://github.com/stefanprodan/podinfo',
    ref: GitRef.branch('master'),
    interval: '1m15s',
  });
  new Kustomization(podinfo, 'podinfo', {
    source: podinfoSource,
    path: './kustomize',
    interval: '60m',
    timeout: '3m',
    retryInterval: '2m',
    prune: true,
    targetNamespace: 'default',
  });
  // The seed's podinfo-secret, encrypted with `cdk8s-flux secret create` for the cluster key (see .sops.yaml).
  SopsSecret.fromFile(podinfo, 'podinfo-secret', 'secrets/homelab/podinfo-secret.yaml', { namespace: 'default' });

  // podinfo again, the Helm way, in its own namespace, behind ingress-nginx with a cert-manager certificate.
  const podinfoHelm = repo.service('podinfo-helm', { namespace: 'podinfo', dependsOn: [certManager, ingressNginx] });
  new k8s.KubeNamespace(podinfoHelm, 'namespace', { metadata: { name: 'podinfo' } });
  const podinfoCharts = new HelmRepository(podinfoHelm, 'charts', {
    name: 'podinfo',
    url: 'https://stefanprodan.github.io/podinfo',
  });
  new HelmRelease(podinfoHelm, 'podinfo', {
    chart: HelmChartSource.fromRepository(podinfoCharts, 'podinfo', { version: '6.x' }),
    interval: '10m',
    values: {
      replicaCount: 2,
      ingress: {
        enabled: true,
        className: 'nginx',
        hosts: [{ host: 'podinfo.homelab.local', paths: [{ path: '/', pathType: 'ImplementationSpecific' }] }],
      },
    },
  });

  return repo;
}

if (require.main === module) {
  const app = new FluxApp();
  homelab(app);
  app.synth();
}
