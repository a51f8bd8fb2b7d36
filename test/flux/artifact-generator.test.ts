import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { ArtifactGeneratorSpecArtifactsCopyStrategy } from '../../imports/source.extensions.fluxcd.io';
import {
  ArtifactGenerator,
  ArtifactGeneratorProps,
  Bucket,
  CopyStrategy,
  ExternalArtifact,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  IGitRepository,
  Kustomization,
  OciRepository,
} from '../../lib';
import { sharedDir } from '../support/shared';
import { allIssuesOf } from './all-issues';
import { fileOf, issueOf, manifestOf, service, specOf, synthProblem } from './fixture';

const PATH = 'r/services/x/ArtifactGenerator/g';

/** An application `services/x` with the flux-system GitRepository declared external, as `flux bootstrap` makes it. */
function withMonorepo() {
  const made = service('x');
  const monorepo = GitRepository.fromName(made.a, 'monorepo', 'flux-system');
  return { ...made, monorepo };
}

/** The smallest generator: one artifact of one folder. */
function oneArtifact(monorepo: IGitRepository): ArtifactGeneratorProps {
  return {
    sources: { monorepo },
    artifacts: [{ name: 'apps', copy: [{ from: '@monorepo/apps/**', to: '@artifact/' }] }],
  };
}

describe('ArtifactGenerator', () => {
  test('GIVEN one source and one artifact WHEN made THEN writes sources by alias and the artifact, in a file of its own', () => {
    const { app, a, monorepo } = withMonorepo();
    const g = new ArtifactGenerator(a, 'split', oneArtifact(monorepo));
    expect(manifestOf(g)).toStrictEqual({
      apiVersion: 'source.extensions.fluxcd.io/v1beta1',
      kind: 'ArtifactGenerator',
      metadata: { name: 'split', namespace: 'flux-system' },
      spec: {
        sources: [{ alias: 'monorepo', kind: 'GitRepository', name: 'flux-system' }],
        artifacts: [{ name: 'apps', copy: [{ from: '@monorepo/apps/**', to: '@artifact/' }] }],
      },
    });
    expect(fileOf(app, 'services/x/artifactgenerator-split.yaml')).toEqual(manifestOf(g));
  });

  test('GIVEN every option WHEN made THEN each is written to its spec field, sources of other namespaces with theirs', () => {
    const { a, monorepo } = withMonorepo();
    const charts = OciRepository.fromName(a, 'charts', 'charts', { namespace: 'sources' });
    const bucket = new Bucket(a, 'values', { bucketName: 'values', endpoint: 's3.amazonaws.com' });
    const g = new ArtifactGenerator(a, 'g', {
      sources: { monorepo, charts, values: bucket },
      pathPattern: '@monorepo/apps/{app}',
      commonMetadata: { labels: { team: 'dev' }, annotations: { note: 'generated' } },
      artifacts: [
        {
          name: '{app}-chart',
          revision: '@charts',
          originRevision: '@monorepo',
          copy: [
            { from: '@charts/podinfo.tgz', to: '@artifact/', strategy: CopyStrategy.EXTRACT },
            { from: '@values/{app}.yaml', to: '@artifact/values.yaml', strategy: CopyStrategy.MERGE },
            { from: '@monorepo/apps/{app}/**', to: '@artifact/', exclude: ['*.md'] },
          ],
        },
      ],
    });
    expect(specOf(g)).toStrictEqual({
      sources: [
        { alias: 'monorepo', kind: 'GitRepository', name: 'flux-system' },
        { alias: 'charts', kind: 'OCIRepository', name: 'charts', namespace: 'sources' },
        { alias: 'values', kind: 'Bucket', name: 'values' },
      ],
      pathPattern: '@monorepo/apps/{app}',
      commonMetadata: { labels: { team: 'dev' }, annotations: { note: 'generated' } },
      artifacts: [
        {
          name: '{app}-chart',
          revision: '@charts',
          originRevision: '@monorepo',
          copy: [
            { from: '@charts/podinfo.tgz', to: '@artifact/', strategy: 'Extract' },
            { from: '@values/{app}.yaml', to: '@artifact/values.yaml', strategy: 'Merge' },
            { from: '@monorepo/apps/{app}/**', to: '@artifact/', exclude: ['*.md'] },
          ],
        },
      ],
    });
    expect(g.artifact('podinfo-chart').ref.name).toBe('podinfo-chart');
  });

  test('GIVEN every CopyStrategy WHEN listed THEN it is exactly the enum of the served CRD', () => {
    expect([...Object.values(CopyStrategy)].sort()).toStrictEqual(
      [...Object.values(ArtifactGeneratorSpecArtifactsCopyStrategy)].sort(),
    );
  });

  describe('the artifacts it makes are sources, by object', () => {
    test('GIVEN a generated artifact WHEN a Kustomization and a HelmRelease use it THEN sourceRef and chartRef name it, and the synth resolves them', () => {
      const { app, a, monorepo } = withMonorepo();
      const g = new ArtifactGenerator(a, 'g', {
        sources: { monorepo },
        artifacts: [
          { name: 'apps', copy: [{ from: '@monorepo/apps/**', to: '@artifact/' }] },
          { name: 'podinfo-chart', copy: [{ from: '@monorepo/charts/podinfo/**', to: '@artifact/' }] },
        ],
      });
      const k = new Kustomization(a, 'apps', { source: g.artifact('apps'), path: './staging' });
      const release = new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromRef(g.artifact('podinfo-chart')) });
      expect(specOf(k).sourceRef).toStrictEqual({ kind: 'ExternalArtifact', name: 'apps' });
      expect(specOf(release).chartRef).toStrictEqual({ kind: 'ExternalArtifact', name: 'podinfo-chart' });
      expect(() => app.synthTree()).not.toThrow();
    });

    test('GIVEN a generator in another namespace WHEN its artifact is used THEN the reference carries that namespace', () => {
      const { a, monorepo } = withMonorepo();
      const g = new ArtifactGenerator(a, 'g', { ...oneArtifact(monorepo), namespace: 'artifacts' });
      const k = new Kustomization(a, 'apps', { source: g.artifact('apps') });
      expect(specOf(k).sourceRef).toStrictEqual({ kind: 'ExternalArtifact', name: 'apps', namespace: 'artifacts' });
    });

    test('GIVEN a name the generator does not make WHEN asked for THEN fails with the nearest name', () => {
      const { a, monorepo } = withMonorepo();
      const g = new ArtifactGenerator(a, 'g', oneArtifact(monorepo));
      expect(issueOf(() => g.artifact('app'))).toStrictEqual({
        constructPath: PATH,
        field: 'artifacts',
        value: 'app',
        message: 'names no artifact this generator makes',
        fix: 'did you mean "apps"?',
      });
    });

    test('GIVEN a pathPattern WHEN asked for a name its templates cannot make THEN fails listing the templates', () => {
      const { a, monorepo } = withMonorepo();
      const g = new ArtifactGenerator(a, 'g', {
        sources: { monorepo },
        pathPattern: '@monorepo/apps/{app}',
        artifacts: [{ name: '{app}-manifests', copy: [{ from: '@monorepo/apps/{app}/**', to: '@artifact/' }] }],
      });
      expect(g.artifact('podinfo-manifests').ref.name).toBe('podinfo-manifests');
      expect(issueOf(() => g.artifact('podinfo')).fix).toBe('use one of {app}-manifests');
    });
  });

  test.each<[string, (monorepo: IGitRepository) => Partial<ArtifactGeneratorProps>, string[]]>([
    [
      'no sources and no artifacts',
      () => ({ sources: {}, artifacts: [] }),
      [
        `${PATH}: sources has no source; give at least one source`,
        `${PATH}: artifacts has no artifact; give at least one artifact`,
      ],
    ],
    [
      'an alias with capitals',
      (monorepo) => ({
        sources: { Mono: monorepo },
        artifacts: [{ name: 'apps', copy: [{ from: '@Mono/apps/**', to: '@artifact/' }] }],
      }),
      [
        `${PATH}: sources "Mono" is not a source alias (at most 63 lower case letters, digits, "-" and "_", starting and ending with a letter or digit); rename it, e.g. "monorepo"`,
        `${PATH}: artifacts[0].copy[0].from "@Mono/apps/**" is not of the form "@<alias>/<glob>"; write it as "@<alias>/<glob>"`,
      ],
    ],
    [
      'copies from an alias that is not a source, to a place outside the artifact',
      () => ({
        artifacts: [{ name: 'apps', originRevision: '@monorep', copy: [{ from: '@repo/apps/**', to: 'apps/' }] }],
      }),
      [
        `${PATH}: artifacts[0].originRevision "@monorep" names the alias "monorep", which is not one of sources; did you mean "@monorepo"?`,
        `${PATH}: artifacts[0].copy[0].from "@repo/apps/**" names the alias "repo", which is not one of sources; use one of @monorepo`,
        `${PATH}: artifacts[0].copy[0].to "apps/" is not of the form "@artifact/<path>"; write it as "@artifact/<path>"`,
      ],
    ],
    [
      'an artifact name that is no object name, twice, without copies',
      () => ({
        artifacts: [
          { name: 'Apps', copy: [{ from: '@monorepo/apps/**', to: '@artifact/' }] },
          { name: 'Apps', copy: [] },
        ],
      }),
      [
        `${PATH}: artifacts[0].name "Apps" is not a DNS-1123 subdomain (it has uppercase letters); artifact names must be valid Kubernetes object names when pathPattern is not set; use lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit, like "apps"`,
        `${PATH}: artifacts[1].name "Apps" is not a DNS-1123 subdomain (it has uppercase letters); artifact names must be valid Kubernetes object names when pathPattern is not set; use lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit, like "apps"`,
        `${PATH}: artifacts[1].name "Apps" is the name of an earlier artifact too; each artifact is an ExternalArtifact of its own; give every artifact its own name`,
        `${PATH}: artifacts[1].copy has no copy operation; give at least one copy`,
      ],
    ],
  ])('GIVEN %s WHEN made THEN fails with every rule it breaks', (_case, props, expected) => {
    const { a, monorepo } = withMonorepo();
    const made = () => new ArtifactGenerator(a, 'g', { ...oneArtifact(monorepo), ...props(monorepo) });
    expect(allIssuesOf(made)).toStrictEqual(expected);
  });

  test('GIVEN a source that is no Flux source WHEN made THEN the synth reports the CRD enum', () => {
    const { a, monorepo } = withMonorepo();
    const release = new HelmRelease(a, 'podinfo', {
      chart: HelmChartSource.fromOciRepository(OciRepository.fromName(a, 'oci', 'podinfo')),
    });
    const sources = { monorepo, release } as unknown as ArtifactGeneratorProps['sources'];
    expect(synthProblem(() => new ArtifactGenerator(a, 'g', { ...oneArtifact(monorepo), sources }))).toMatch(
      /spec\.sources\[1\]\.kind "HelmRelease"/,
    );
  });
});

describe('ExternalArtifact', () => {
  test('GIVEN no source WHEN made THEN writes an empty spec', () => {
    const { app, a } = service('x');
    const e = new ExternalArtifact(a, 'bundle');
    expect(manifestOf(e)).toStrictEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'ExternalArtifact',
      metadata: { name: 'bundle', namespace: 'flux-system' },
      spec: {},
    });
    expect(fileOf(app, 'services/x/externalartifact-bundle.yaml')).toEqual(manifestOf(e));
  });

  test('GIVEN the object that produces it as source WHEN made THEN sourceRef names it with its apiVersion, and a Kustomization can build from it', () => {
    const { app, a, monorepo } = withMonorepo();
    const g = new ArtifactGenerator(a, 'g', { ...oneArtifact(monorepo), namespace: 'artifacts' });
    const e = new ExternalArtifact(a, 'bundle', { source: g });
    expect(specOf(e)).toStrictEqual({
      sourceRef: {
        apiVersion: 'source.extensions.fluxcd.io/v1beta1',
        kind: 'ArtifactGenerator',
        name: 'g',
        namespace: 'artifacts',
      },
    });
    new Kustomization(a, 'bundle', { source: e });
    expect(() => app.synthTree()).not.toThrow();
  });
});

describe('the ArtifactGenerator of the flux2-kustomize-helm-example reference, rebuilt with the constructs only', () => {
  const reference = sharedDir('reference', 'flux2-kustomize-helm-example', 'clusters');
  const objectsOf = (file: string) =>
    parseAllDocuments(fs.readFileSync(`${reference}/${file}`, 'utf8'))
      .map((d) => d.toJS() as { kind: string; metadata: Record<string, unknown> } | null)
      .filter((o) => o !== null);

  test.each(['staging', 'production'])(
    'GIVEN the %s cluster WHEN its generator and the Kustomizations of its artifacts are rebuilt THEN each object is the reference one',
    (env) => {
      const { a } = service('x');
      const monorepo = GitRepository.fromName(a, 'flux-system', 'flux-system');
      const split = new ArtifactGenerator(a, 'flux-system', {
        sources: { monorepo },
        artifacts: [
          {
            name: 'infrastructure',
            originRevision: '@monorepo',
            copy: [{ from: '@monorepo/infrastructure/**', to: '@artifact/' }],
          },
          {
            name: 'apps',
            originRevision: '@monorepo',
            copy: [
              { from: '@monorepo/apps/base/**', to: '@artifact/base/' },
              { from: `@monorepo/apps/${env}/**`, to: `@artifact/${env}/` },
            ],
          },
        ],
      });
      const reconcile = { interval: '1h', retryInterval: '2m', timeout: '5m', prune: true } as const;
      const controllers = new Kustomization(a, 'infra-controllers', {
        ...reconcile,
        source: split.artifact('infrastructure'),
        path: './controllers',
        wait: true,
      });
      const acme =
        env === 'staging'
          ? 'https://acme-staging-v02.api.letsencrypt.org/directory'
          : 'https://acme-v02.api.letsencrypt.org/directory';
      const configs = new Kustomization(a, 'infra-configs', {
        ...reconcile,
        source: split.artifact('infrastructure'),
        path: './configs',
        dependsOn: [controllers],
        patches: [
          {
            patch: `- op: replace\n  path: /spec/acme/server\n  value: ${acme}\n`,
            target: { kind: 'ClusterIssuer', name: 'letsencrypt' },
          },
        ],
      });
      const apps = new Kustomization(a, 'apps', {
        ...reconcile,
        source: split.artifact('apps'),
        path: `./${env}`,
        wait: true,
        dependsOn: [configs],
      });
      const key = (o: { kind: string; metadata: Readonly<Record<string, unknown>> }) =>
        `${o.kind}/${String(o.metadata.name)}`;
      const files = ['artifacts.yaml', 'infrastructure.yaml', 'apps.yaml'];
      const expected = files.flatMap((f) => objectsOf(`${env}/${f}`)).map((o) => [key(o), o] as const);
      const actual = [split, controllers, configs, apps].map((o) => manifestOf(o)).map((m) => [key(m), m] as const);
      expect(Object.fromEntries(actual)).toStrictEqual(Object.fromEntries(expected));
      expect(actual).toHaveLength(4);
    },
  );
});
