import type { ManifestRecord } from '../../lib/validate/record';

type Manifest = Record<string, unknown>;

function flux(apiVersion: string, kind: string, name: string, spec: Manifest): Manifest {
  return { apiVersion, kind, metadata: { name, namespace: 'flux-system' }, spec };
}

/** One realistic, valid object per served Flux kind (and variant), as Flux's own docs would write them. */
export const VALID_FLUX_OBJECTS: Readonly<Record<string, Manifest>> = {
  GitRepository: flux('source.toolkit.fluxcd.io/v1', 'GitRepository', 'podinfo', {
    interval: '5m0s',
    url: 'https://github.com/stefanprodan/podinfo',
    ref: { branch: 'master' },
    ignore: '/*\n!/kustomize\n',
    secretRef: { name: 'podinfo-auth' },
    timeout: '60s',
  }),
  'GitRepository over ssh with Azure workload identity': flux('source.toolkit.fluxcd.io/v1', 'GitRepository', 'infra', {
    interval: '1m',
    url: 'ssh://git@github.com/org/infra',
    ref: { semver: '>=1.0.0' },
    provider: 'azure',
    serviceAccountName: 'git-reader',
    verify: { mode: 'HEAD', secretRef: { name: 'pgp-public-keys' } },
  }),
  OCIRepository: flux('source.toolkit.fluxcd.io/v1', 'OCIRepository', 'podinfo-manifests', {
    interval: '10m',
    url: 'oci://ghcr.io/stefanprodan/manifests/podinfo',
    ref: { semver: '6.x' },
    layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
    verify: {
      provider: 'cosign',
      matchOIDCIdentity: [
        {
          issuer: '^https://token.actions.githubusercontent.com$',
          subject: '^https://github.com/stefanprodan/podinfo.*$',
        },
      ],
    },
  }),
  'HelmRepository (default)': flux('source.toolkit.fluxcd.io/v1', 'HelmRepository', 'bitnami', {
    interval: '30m',
    url: 'https://charts.bitnami.com/bitnami',
    timeout: '3m',
  }),
  'HelmRepository (oci)': flux('source.toolkit.fluxcd.io/v1', 'HelmRepository', 'podinfo-oci', {
    type: 'oci',
    interval: '5m',
    url: 'oci://ghcr.io/stefanprodan/charts',
    provider: 'generic',
  }),
  HelmChart: flux('source.toolkit.fluxcd.io/v1', 'HelmChart', 'podinfo', {
    interval: '5m',
    chart: 'podinfo',
    version: '6.x',
    sourceRef: { kind: 'HelmRepository', name: 'podinfo' },
    valuesFiles: ['values.yaml', 'values-production.yaml'],
    verify: { provider: 'cosign', secretRef: { name: 'cosign-public-keys' } },
  }),
  Bucket: flux('source.toolkit.fluxcd.io/v1', 'Bucket', 'minio-bucket', {
    interval: '5m0s',
    endpoint: 'minio.example.com',
    bucketName: 'example',
    secretRef: { name: 'minio-bucket-secret' },
    sts: { provider: 'ldap', endpoint: 'https://minio.example.com', secretRef: { name: 'sts-credentials' } },
  }),
  'Bucket on AWS with IRSA': flux('source.toolkit.fluxcd.io/v1', 'Bucket', 'aws-bucket', {
    interval: '1h',
    provider: 'aws',
    endpoint: 's3.amazonaws.com',
    bucketName: 'podinfo',
    region: 'us-east-1',
    serviceAccountName: 's3-reader',
    timeout: '30s',
  }),
  ExternalArtifact: flux('source.toolkit.fluxcd.io/v1', 'ExternalArtifact', 'apps', {
    sourceRef: { apiVersion: 'source.extensions.fluxcd.io/v1beta1', kind: 'ArtifactGenerator', name: 'flux-system' },
  }),
  Kustomization: flux('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'apps', {
    interval: '10m',
    retryInterval: '2m',
    timeout: '5m',
    path: './apps/production',
    prune: true,
    wait: true,
    sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    dependsOn: [{ name: 'infra-configs' }],
    decryption: { provider: 'sops', secretRef: { name: 'sops-age' } },
    postBuild: { substitute: { cluster_env: 'prod' }, substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-vars' }] },
    patches: [{ patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n', target: { kind: 'Deployment' } }],
    healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo', namespace: 'apps' }],
    kubeConfig: { secretRef: { name: 'prod-kubeconfig', key: 'value.yaml' } },
  }),
  'HelmRelease with chart': flux('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'podinfo', {
    interval: '50m',
    releaseName: 'podinfo',
    targetNamespace: 'podinfo',
    chart: {
      spec: {
        chart: 'podinfo',
        version: '>=6.0.0 <7.0.0',
        sourceRef: { kind: 'HelmRepository', name: 'podinfo' },
        interval: '12h',
      },
    },
    install: { crds: 'CreateReplace', remediation: { retries: 3 } },
    upgrade: { crds: 'CreateReplace', remediation: { retries: 3, strategy: 'rollback' } },
    values: { replicaCount: 2, redis: { enabled: true }, ingress: { hosts: [{ host: 'podinfo.local' }] } },
    valuesFrom: [
      { kind: 'ConfigMap', name: 'podinfo-values', valuesKey: 'values.yaml', targetPath: 'ingress.hosts[0].host' },
    ],
  }),
  'HelmRelease with chartRef': flux('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'cert-manager', {
    interval: '12h',
    chartRef: { kind: 'OCIRepository', name: 'cert-manager' },
    install: { strategy: { name: 'RetryOnFailure', retryInterval: '2m' } },
    upgrade: { strategy: { name: 'RemediateOnFailure' } },
    driftDetection: { mode: 'enabled' },
    values: { crds: { enabled: true, keep: false } },
  }),
  Provider: flux('notification.toolkit.fluxcd.io/v1beta3', 'Provider', 'slack', {
    type: 'slack',
    channel: 'general',
    address: 'https://slack.com/api/chat.postMessage',
    secretRef: { name: 'slack-bot-token' },
  }),
  'Provider (github commit status)': flux('notification.toolkit.fluxcd.io/v1beta3', 'Provider', 'github-status', {
    type: 'github',
    address: 'https://github.com/org/repo',
    secretRef: { name: 'github-token' },
    commitStatusExpr: "(event.involvedObject.kind + '/' + event.involvedObject.name).lowerAscii()",
  }),
  Alert: flux('notification.toolkit.fluxcd.io/v1beta3', 'Alert', 'on-call', {
    providerRef: { name: 'slack' },
    eventSeverity: 'error',
    eventSources: [
      { kind: 'GitRepository', name: '*' },
      { kind: 'Kustomization', name: '*', matchLabels: { team: 'apps' } },
    ],
    exclusionList: ['.*upgrade.*has.*started'],
    summary: 'Production cluster',
  }),
  Receiver: flux('notification.toolkit.fluxcd.io/v1', 'Receiver', 'github-receiver', {
    type: 'github',
    events: ['ping', 'push'],
    secretRef: { name: 'receiver-token' },
    resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'webapp' }],
  }),
  'Receiver (generic-oidc)': flux('notification.toolkit.fluxcd.io/v1', 'Receiver', 'ci-receiver', {
    type: 'generic-oidc',
    resources: [{ kind: 'OCIRepository', name: 'app' }],
    oidcProviders: [
      {
        issuerURL: 'https://token.actions.githubusercontent.com',
        audience: 'flux',
        validations: [{ expression: "claims.repository == 'org/app'", message: 'wrong repository' }],
      },
    ],
  }),
  ImageRepository: flux('image.toolkit.fluxcd.io/v1', 'ImageRepository', 'podinfo', {
    image: 'ghcr.io/stefanprodan/podinfo',
    interval: '5m',
    provider: 'generic',
    exclusionList: ['^.*\\.sig$', '^.*-rc\\..*$'],
  }),
  ImagePolicy: flux('image.toolkit.fluxcd.io/v1', 'ImagePolicy', 'podinfo', {
    imageRepositoryRef: { name: 'podinfo' },
    policy: { semver: { range: '5.0.x' } },
    filterTags: { pattern: '^main-[a-fA-F0-9]+-(?P<ts>.*)', extract: '$ts' },
  }),
  'ImagePolicy (digest reflection)': flux('image.toolkit.fluxcd.io/v1', 'ImagePolicy', 'podinfo-latest', {
    imageRepositoryRef: { name: 'podinfo' },
    policy: { alphabetical: { order: 'asc' } },
    digestReflectionPolicy: 'Always',
    interval: '10m',
  }),
  ImageUpdateAutomation: flux('image.toolkit.fluxcd.io/v1', 'ImageUpdateAutomation', 'flux-system', {
    interval: '30m',
    sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    git: {
      checkout: { ref: { branch: 'main' } },
      commit: {
        author: { email: 'fluxcdbot@users.noreply.github.com', name: 'fluxcdbot' },
        messageTemplate: 'Automated image update',
      },
      push: { branch: 'main' },
    },
    update: { path: './clusters/my-cluster', strategy: 'Setters' },
    policySelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['podinfo'] }] },
  }),
  ArtifactGenerator: flux('source.extensions.fluxcd.io/v1beta1', 'ArtifactGenerator', 'flux-system', {
    sources: [{ alias: 'monorepo', kind: 'GitRepository', name: 'flux-system' }],
    artifacts: [
      {
        name: 'infrastructure',
        originRevision: '@monorepo',
        copy: [{ from: '@monorepo/infrastructure/**', to: '@artifact/' }],
      },
      {
        name: 'apps',
        copy: [
          { from: '@monorepo/apps/base/**', to: '@artifact/base/' },
          { from: '@monorepo/apps/production/**', to: '@artifact/production/', exclude: ['*.md'] },
        ],
      },
    ],
  }),
};

/** A deep copy, so tests can change a fixture freely. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A copy of `manifest` with the dotted `path` set to `value`, or removed when `value` is `undefined`. */
export function withField(manifest: Manifest, path: string, value: unknown): Manifest {
  const out = copy(manifest);
  const keys = path.split('.');
  let node = out;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Manifest;
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return out;
}

/** A record of the named valid fixture, with `changes` (dotted path -> value, `undefined` removes) applied. */
export function fixture(name: string, changes: Readonly<Record<string, unknown>> = {}): ManifestRecord {
  let manifest = VALID_FLUX_OBJECTS[name];
  if (!manifest) throw new Error(`no fixture named ${name}`);
  for (const [path, value] of Object.entries(changes)) manifest = withField(manifest, path, value);
  return { manifest: copy(manifest) };
}
