import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import {
  ExternalObject,
  FluxApp,
  FluxValidationError,
  GitOpsRepository,
  GitRef,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  IReferenceable,
  Kustomization,
  OciRef,
  OciRepository,
  ValuesFrom,
} from '../../lib';
import { homelab } from '../../main';
import { lab, madeProblems, oneService, synthProblems } from './app-fixture';

const SOURCE = 'source.toolkit.fluxcd.io/v1';

/** A reference to an object that is not in the app, as a typo or a stale name makes one. */
function refTo<K extends string>(kind: K, name: string, namespace = 'flux-system'): IReferenceable<K> {
  return { ref: { apiVersion: SOURCE, kind, name, namespace } };
}

function podinfoGit(scope: Parameters<typeof GitRepository.fromName>[0], id = 'podinfo') {
  return new GitRepository(scope, id, { url: 'https://github.com/stefanprodan/podinfo', ref: GitRef.branch('master') });
}

function chartRepo(scope: Parameters<typeof GitRepository.fromName>[0], id = 'charts', props = {}) {
  return new HelmRepository(scope, id, { url: 'https://stefanprodan.github.io/podinfo', ...props });
}

function release(scope: Parameters<typeof GitRepository.fromName>[0], id: string, props = {}) {
  return new HelmRelease(scope, id, {
    chart: HelmChartSource.fromRepository(chartRepo(scope, `${id}-charts`), 'podinfo'),
    ...props,
  });
}

/**
 * Each case builds a small app that Flux would reject (or fails while building it) and gives the problems expected,
 * every one of them: `problems` must match them one to one, in order.
 */
const cases: [string, () => string[], (string | RegExp)[]][] = [
  // ---- references
  [
    'a Kustomization whose sourceRef names no object, with a did-you-mean',
    () => {
      const { app, a } = oneService();
      podinfoGit(a);
      new Kustomization(a, 'podinfo', { source: refTo('GitRepository', 'podinfoo'), path: './kustomize' });
      return synthProblems(app);
    },
    [
      'lab/services/web/Kustomization/podinfo (services/web/kustomization-podinfo.yaml): spec.sourceRef "GitRepository/flux-system/podinfoo" does not resolve to any object in the app; create it, fix the name (did you mean "podinfo"?), or declare it external with GitRepository.fromName(scope, id, "podinfoo", { namespace: "flux-system" })',
    ],
  ],
  [
    'a sourceRef to a kind a Kustomization cannot build from',
    () => {
      const { app, a } = oneService();
      const charts = chartRepo(a);
      new Kustomization(a, 'podinfo', { source: charts as unknown as IReferenceable<'GitRepository'> });
      return synthProblems(app);
    },
    [
      'lab/services/web/Kustomization/podinfo (services/web/kustomization-podinfo.yaml): spec.sourceRef.kind "HelmRepository" is not one of the allowed values; use one of "OCIRepository", "GitRepository", "Bucket", "ExternalArtifact"',
    ],
  ],
  [
    'a chartRef to a GitRepository',
    () => {
      const { app, a } = oneService();
      const git = podinfoGit(a);
      new HelmRelease(a, 'podinfo', {
        chart: HelmChartSource.fromRef(git as unknown as IReferenceable<'HelmChart'>),
      });
      return synthProblems(app);
    },
    [
      /HelmRelease\/podinfo .*spec\.chartRef\.kind "GitRepository" is not one of the allowed values; use one of "OCIRepository", "HelmChart", "ExternalArtifact"$/,
    ],
  ],
  [
    'a chartRef to an OCIRepository that is not in the app',
    () => {
      const { app, a } = oneService();
      new HelmRelease(a, 'podinfo', { chart: HelmChartSource.fromOciRepository(refTo('OCIRepository', 'podinfo')) });
      return synthProblems(app);
    },
    [
      /spec\.chartRef "OCIRepository\/flux-system\/podinfo" does not resolve to any object in the app; create it, fix the name, or declare it external with OCIRepository\.fromName\(scope, id, "podinfo"/,
    ],
  ],
  [
    'a chart from a HelmRepository that is not in the app',
    () => {
      const { app, a } = oneService();
      chartRepo(a, 'podinfo-charts');
      new HelmRelease(a, 'podinfo', {
        chart: HelmChartSource.fromRepository(refTo('HelmRepository', 'podinfo-chart'), 'podinfo'),
      });
      return synthProblems(app);
    },
    [
      /spec\.chart\.spec\.sourceRef "HelmRepository\/flux-system\/podinfo-chart" does not resolve .*did you mean "podinfo-charts"\?/,
    ],
  ],
  [
    'a sourceRef whose object is in another namespace',
    () => {
      const { app, a } = oneService();
      podinfoGit(a);
      new Kustomization(a, 'podinfo', { source: refTo('GitRepository', 'podinfo', 'apps') });
      return synthProblems(app);
    },
    [
      /spec\.sourceRef "GitRepository\/apps\/podinfo" does not resolve .*set namespace: "flux-system" if you mean the one there/,
    ],
  ],
  [
    'a sourceRef that names the right object with the wrong kind',
    () => {
      const { app, a } = oneService();
      new OciRepository(a, 'podinfo', {
        url: 'oci://ghcr.io/stefanprodan/manifests/podinfo',
        ref: OciRef.tag('latest'),
      });
      new Kustomization(a, 'podinfo-app', { source: refTo('GitRepository', 'podinfo') });
      return synthProblems(app);
    },
    [
      /spec\.sourceRef "GitRepository\/flux-system\/podinfo" does not resolve .*set kind: "OCIRepository" if you mean the OCIRepository/,
    ],
  ],
  [
    'a Kustomization dependsOn a Kustomization that is not in the app',
    () => {
      const { app, a } = oneService();
      a.addDependsOn({
        ref: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          name: 'infra',
          namespace: 'flux-system',
        },
      });
      return synthProblems(app);
    },
    [
      /lab\/Flux\/services\/Kustomization\/web \(flux\/services\/web\.yaml\): spec\.dependsOn\[0\] "Kustomization\/flux-system\/infra" does not resolve .*Kustomization\.fromName\(scope, id, "infra"/,
    ],
  ],
  [
    'a HelmRelease dependsOn a release that is not in the app',
    () => {
      const { app, a } = oneService();
      release(a, 'web', {
        dependsOn: [
          {
            ref: {
              apiVersion: 'helm.toolkit.fluxcd.io/v2',
              kind: 'HelmRelease',
              name: 'redis',
              namespace: 'flux-system',
            },
          },
        ],
      });
      return synthProblems(app);
    },
    [
      /HelmRelease\/web .*spec\.dependsOn\[0\] "HelmRelease\/flux-system\/redis" does not resolve .*HelmRelease\.fromName/,
    ],
  ],
  [
    'a GitRepository secret that is not in the app',
    () => {
      const { app, a } = oneService();
      new GitRepository(a, 'private', {
        url: 'ssh://git@github.com/o/private',
        secret: { secretName: 'private-creds', secretNamespace: 'flux-system' },
      });
      return synthProblems(app);
    },
    [
      'lab/services/web/GitRepository/private (services/web/gitrepository-private.yaml): spec.secretRef "Secret/flux-system/private-creds" does not resolve to any object in the app; create it, fix the name, or declare it external with new ExternalObject(scope, id, { apiVersion: "v1", kind: "Secret", name: "private-creds", namespace: "flux-system" })',
    ],
  ],
  [
    'a HelmRepository secret that is not in the app',
    () => {
      const { app, a } = oneService();
      chartRepo(a, 'charts', { secret: { secretName: 'charts-auth', secretNamespace: 'flux-system' } });
      return synthProblems(app);
    },
    [/HelmRepository\/charts .*spec\.secretRef "Secret\/flux-system\/charts-auth" does not resolve/],
  ],
  [
    'an OCIRepository secret that is not in the app',
    () => {
      const { app, a } = oneService('web', { namespace: 'apps' });
      new OciRepository(a, 'oci', {
        url: 'oci://ghcr.io/o/app',
        ref: OciRef.tag('1.0.0'),
        secret: { secretName: 'ghcr', secretNamespace: 'apps' },
      });
      return synthProblems(app);
    },
    [/OCIRepository\/oci .*spec\.secretRef "Secret\/apps\/ghcr" does not resolve/],
  ],
  [
    'SOPS decryption with no key Secret declared',
    () => {
      const { app, a } = oneService();
      new Kustomization(a, 'podinfo', { source: podinfoGit(a) }).enableSopsDecryption('sops-age');
      return synthProblems(app);
    },
    [
      /Kustomization\/podinfo .*spec\.decryption\.secretRef "Secret\/flux-system\/sops-age" does not resolve .*new ExternalObject\(scope, id, \{ apiVersion: "v1", kind: "Secret", name: "sops-age"/,
    ],
  ],
  [
    'valuesFrom a ConfigMap that is not in the app',
    () => {
      const { app, a } = oneService('web', { namespace: 'web' });
      release(a, 'web', { valuesFrom: [ValuesFrom.configMap('web-values')] });
      return synthProblems(app);
    },
    [
      /HelmRelease\/web .*spec\.valuesFrom\[0\] "ConfigMap\/web\/web-values" does not resolve .*kind: "ConfigMap", name: "web-values", namespace: "web"/,
    ],
  ],
  [
    'valuesFrom a Secret in another namespace',
    () => {
      const { app, a } = oneService('web', { namespace: 'web' });
      new ExternalObject(a, 'values', { apiVersion: 'v1', kind: 'Secret', name: 'web-values', namespace: 'other' });
      release(a, 'web', { valuesFrom: [ValuesFrom.secret('web-values')] });
      return synthProblems(app);
    },
    [
      /spec\.valuesFrom\[0\] "Secret\/web\/web-values" does not resolve .*the one in namespace "other" cannot be used: spec\.valuesFrom only reads the referrer's own namespace/,
    ],
  ],
  // ---- dependsOn cycles
  [
    'two applications that depend on each other',
    () => {
      const { app, repo } = lab();
      const a = repo.service('a');
      const b = repo.service('b', { dependsOn: [a] });
      a.addDependsOn(b);
      return synthProblems(app);
    },
    [
      'lab/Flux/services/Kustomization/a (flux/services/a.yaml): spec.dependsOn "flux-system/a -> flux-system/b -> flux-system/a" forms a dependency cycle of Kustomizations, so none of them ever becomes ready; remove one of these dependencies (the dependsOn or addDependsOn that closes the loop)',
    ],
  ],
  [
    'three applications in a loop, across layers',
    () => {
      const { app, repo } = lab();
      const infra = repo.infrastructure('infra');
      const db = repo.service('db', { dependsOn: [infra] });
      const web = repo.service('web', { dependsOn: [db] });
      infra.addDependsOn(web);
      return synthProblems(app);
    },
    [
      /\(flux\/services\/db\.yaml\): spec\.dependsOn "flux-system\/db -> flux-system\/infra -> flux-system\/web -> flux-system\/db" forms a dependency cycle/,
    ],
  ],
  [
    'an application that depends on itself',
    () => {
      const { app, a } = oneService();
      a.addDependsOn(a);
      return synthProblems(app);
    },
    [/spec\.dependsOn "flux-system\/web -> flux-system\/web" makes the Kustomization depend on itself/],
  ],
  [
    'two HelmReleases that depend on each other',
    () => {
      const { app, a } = oneService('web', { namespace: 'web' });
      const redis = release(a, 'redis');
      const web = release(a, 'web', { dependsOn: [redis] });
      redis.addDependsOn(web);
      return synthProblems(app);
    },
    [
      /HelmRelease\/redis .*spec\.dependsOn "web\/redis -> web\/web -> web\/redis" forms a dependency cycle of HelmReleases/,
    ],
  ],
  [
    'a HelmRelease that depends on itself',
    () => {
      const { app, a } = oneService();
      const web = release(a, 'web');
      web.addDependsOn(web);
      return synthProblems(app);
    },
    [/spec\.dependsOn "flux-system\/web -> flux-system\/web" makes the HelmRelease depend on itself/],
  ],
  [
    'a Kustomization made in an application that depends on its own application',
    () => {
      const { app, a } = oneService('web', { kustomizationName: 'web-app' });
      new Kustomization(a, 'web', { source: podinfoGit(a), dependsOn: [a] });
      a.addDependsOn({
        ref: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          name: 'web',
          namespace: 'flux-system',
        },
      });
      return synthProblems(app);
    },
    [/spec\.dependsOn "flux-system\/web -> flux-system\/web-app -> flux-system\/web" forms a dependency cycle/],
  ],
  // ---- uniqueness
  [
    'two HelmRepositories of one name and namespace in two applications',
    () => {
      const { app, repo } = lab();
      chartRepo(repo.service('a'), 'podinfo');
      chartRepo(repo.service('b'), 'podinfo');
      return synthProblems(app);
    },
    [
      'lab/services/b/HelmRepository/podinfo (services/b/helmrepository-podinfo.yaml): metadata.name "HelmRepository/flux-system/podinfo" is declared twice: here and at lab/services/a/HelmRepository/podinfo (services/a/helmrepository-podinfo.yaml); remove one of them, or give one another name (or namespace)',
    ],
  ],
  [
    'a Namespace declared by two applications',
    () => {
      const { app, repo } = lab();
      new k8s.KubeNamespace(repo.infrastructure('a'), 'ns', { metadata: { name: 'shared' } });
      new k8s.KubeNamespace(repo.service('b'), 'ns', { metadata: { name: 'shared' } });
      return synthProblems(app);
    },
    [
      /lab\/services\/b\/ns \(services\/b\/namespace-shared\.yaml\): metadata\.name "Namespace\/shared" is declared twice: here and at lab\/infrastructure\/a\/ns/,
    ],
  ],
  [
    'an application Kustomization and a Kustomization of the same name inside it',
    () => {
      const { app, a } = oneService('podinfo');
      new Kustomization(a, 'podinfo', { source: podinfoGit(a) });
      return synthProblems(app);
    },
    [
      /Kustomization\/podinfo .*metadata\.name "Kustomization\/flux-system\/podinfo" is declared twice: here and at lab\/Flux\/services\/Kustomization\/podinfo/,
    ],
  ],
  [
    'a ClusterRole declared twice with different namespaces (cluster-scoped)',
    () => {
      const { app, repo } = lab();
      new k8s.KubeClusterRole(repo.service('a'), 'role', { metadata: { name: 'reader', namespace: 'a' } });
      new k8s.KubeClusterRole(repo.service('b'), 'role', { metadata: { name: 'reader', namespace: 'b' } });
      return synthProblems(app).filter((p) => p.includes('declared twice'));
    },
    [/metadata\.name "ClusterRole\/reader" is declared twice/],
  ],
  [
    'two objects written to one file',
    () => {
      const { app, a } = oneService();
      new ApiObject(a, 'one', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
      new ApiObject(a.file('configmap-settings.yaml'), 'two', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'other' },
      });
      return synthProblems(app);
    },
    [
      /lab\/services\/web\/configmap-settings\.yaml\/two \(services\/web\/configmap-settings\.yaml\): metadata\.name "configmap-settings\.yaml" would be written to the same file as lab\/services\/web\/one/,
    ],
  ],
  [
    "a file named as the folder's kustomization.yaml, or with a folder in its name",
    () => {
      const { app, a } = oneService();
      new ApiObject(a.file('kustomization.yaml'), 'one', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'a' },
      });
      new ApiObject(a.file('sub/cm.yaml'), 'two', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
      return synthProblems(app).filter((p) => p.includes('fileName'));
    },
    [
      /^lab\/services\/web\/kustomization\.yaml: fileName "kustomization\.yaml" is the folder's own Kustomize file, which synth writes; choose another name/,
      /^lab\/services\/web\/sub--cm\.yaml: fileName "sub\/cm\.yaml" is not a file name a folder can hold/,
    ],
  ],
  [
    'an empty file, and an object added to two files',
    () => {
      const { app, a } = oneService();
      a.file('empty.yaml');
      const cm = new ApiObject(a, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
      a.file('first.yaml', [cm]);
      a.file('second.yaml', [cm]);
      return synthProblems(app).filter((p) => p.includes('empty.yaml') || p.includes('already'));
    },
    [
      /^lab\/services\/web\/empty\.yaml: objects "empty\.yaml" holds no object, so it would not be written/,
      /^lab\/services\/web\/cm: file "second\.yaml" is already written to lab\/services\/web\/first\.yaml; add it to one file only$/,
    ],
  ],
  [
    'an object of another folder added to a file',
    () => {
      const { app, repo, a } = oneService();
      const cm = new ApiObject(repo.service('other'), 'cm', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'a' },
      });
      a.file('cm.yaml', [cm]);
      new ApiObject(a.file('cm.yaml'), 'own', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
      return synthProblems(app).filter((p) => p.includes('cm.yaml'));
    },
    [
      /^lab\/services\/other\/cm: file "cm\.yaml" is in lab\/services\/other, not in this file's folder; add objects of the same folder only/,
    ],
  ],
  // ---- layout
  [
    'a Flux object outside every application',
    () => {
      const { app } = lab();
      podinfoGit(new Chart(app, 'extra'), 'stray');
      return synthProblems(app);
    },
    [/^extra\/GitRepository\/stray: scope is not inside a folder of the GitOps tree/],
  ],
  [
    'an object in a plain cdk8s Chart',
    () => {
      const { app } = lab();
      new ApiObject(new Chart(app, 'loose'), 'cm', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'loose' },
      });
      return synthProblems(app);
    },
    [/^loose\/cm: scope is not inside a folder of the GitOps tree/],
  ],
  // ---- eager checks while building
  [
    'an interval that is not a Flux duration',
    () => madeProblems(() => chartRepo(oneService().a, 'c', { interval: '5 min' })),
    [/^lab\/services\/web\/HelmRepository\/c: interval "5 min" is not a Flux duration; use a value like "5m"/],
  ],
  [
    'a duration in days',
    () => madeProblems(() => new GitRepository(oneService().a, 'g', { url: 'https://x.io/r', interval: '1d' })),
    [/^lab\/services\/web\/GitRepository\/g: interval "1d" is not a Flux duration/],
  ],
  [
    'a HelmRelease timeout in words',
    () => madeProblems(() => release(oneService().a, 'web', { timeout: '10 minutes' })),
    [/timeout "10 minutes" is not a Flux duration/],
  ],
  [
    'a negative duration',
    () => madeProblems(() => release(oneService().a, 'web', { timeout: '-5m' })),
    [/timeout "-5m" is not a Flux duration/],
  ],
  [
    'an empty GitRepository URL',
    () => madeProblems(() => new GitRepository(oneService().a, 'g', { url: '' })),
    [/url "" must not be empty/],
  ],
  [
    'an ftp:// GitRepository URL',
    () => madeProblems(() => new GitRepository(oneService().a, 'g', { url: 'ftp://example.com/repo' })),
    [/url "ftp:\/\/example\.com\/repo" is not a https:\/\/, http:\/\/, ssh:\/\/ URL/],
  ],
  [
    'a HelmRepository URL without scheme',
    () => madeProblems(() => chartRepo(oneService().a, 'c', { url: 'charts.example.com' })),
    [/url "charts\.example\.com" is not a/],
  ],
  [
    'an OCIRepository with an https URL',
    () => madeProblems(() => new OciRepository(oneService().a, 'o', { url: 'https://ghcr.io/o/app' })),
    [/url "https:\/\/ghcr\.io\/o\/app" is not a oci:\/\/ URL/],
  ],
  [
    'a GitRef with a branch and a tag',
    () =>
      madeProblems(
        () =>
          new GitRepository(oneService().a, 'g', {
            url: 'https://x.io/r',
            ref: GitRef.of({ branch: 'main', tag: 'v1' }),
          }),
      ),
    [/ref .* sets 2 kinds of reference \(branch, tag\); use exactly one of GitRef\.branch\(\)/],
  ],
  [
    'a GitRef with nothing',
    () => madeProblems(() => new GitRepository(oneService().a, 'g', { url: 'https://x.io/r', ref: GitRef.of({}) })),
    [/ref "\{\}" names no revision/],
  ],
  [
    'a short commit',
    () =>
      madeProblems(
        () => new GitRepository(oneService().a, 'g', { url: 'https://x.io/r', ref: GitRef.commit('abc123') }),
      ),
    [/ref\.commit "abc123" is not a full SHA-1 or SHA-256 commit hash/],
  ],
  [
    'an application name with capitals',
    () => madeProblems(() => lab().repo.service('Podinfo')),
    // and where the name lands: the application's Flux Kustomization has it too
    [
      /application "Podinfo" is not a valid folder and object name/,
      /Kustomization\/Podinfo \(flux\/services\/Podinfo\.yaml\): metadata\.name "Podinfo" is not a DNS-1123 subdomain/,
    ],
  ],
  [
    'a layer name with an underscore',
    () => madeProblems(() => lab().repo.layer('my_layer')),
    [/layer "my_layer" is not a valid folder and object name/],
  ],
  ['the reserved layer name flux', () => madeProblems(() => lab().repo.layer('flux')), [/layer "flux" is reserved/]],
  [
    'a repository path that climbs out with ..',
    () =>
      madeProblems(
        () => new GitOpsRepository(new FluxApp(), 'r', { url: 'https://github.com/o/r', path: 'clusters/../..' }),
      ),
    [/path "clusters\/\.\.\/\.\." is not a relative path inside the git repository/],
  ],
  [
    'an absolute repository path',
    () =>
      madeProblems(
        () => new GitOpsRepository(new FluxApp(), 'r', { url: 'https://github.com/o/r', path: '/clusters' }),
      ),
    [/path "\/clusters" is not a relative path inside the git repository/],
  ],
  // ---- schema and metadata, checked at synth
  [
    'a HelmRepository name with capitals and an underscore',
    () => {
      const { app, a } = oneService();
      chartRepo(a, 'c', { name: 'Bad_Name' });
      return synthProblems(app);
    },
    [/HelmRepository\/c .*metadata\.name "Bad_Name" is not a DNS-1123 subdomain/],
  ],
  [
    'a release name longer than Helm allows',
    () => {
      const { app, a } = oneService();
      release(a, 'web', { releaseName: 'r'.repeat(60) });
      return synthProblems(app);
    },
    [/spec\.releaseName ".*" is 60 characters long, more than the maximum of 53/],
  ],
  [
    'a label key that is not a qualified name',
    () => {
      const { app, a } = oneService();
      new ApiObject(a, 'cm', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', labels: { 'bad key!': 'v' } },
      });
      return synthProblems(app);
    },
    [/metadata\.labels\["bad key!"\] .* is not a qualified name/],
  ],
  [
    'a clear-text Secret',
    () => {
      const { app, a } = oneService();
      new ApiObject(a, 'token', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'token' },
        stringData: { token: 'hunter2' },
      });
      return synthProblems(app);
    },
    [/lab\/services\/web\/token .*: stringData holds a Secret value in clear text/],
  ],
];

describe('a FluxApp that Flux would reject does not synthesize', () => {
  test('the battery is large enough', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test.each(cases)('%s', (_name, build, expected) => {
    const problems = build();
    expect(problems).toHaveLength(expected.length);
    expected.forEach((e, i) => {
      if (typeof e === 'string') expect(problems[i]).toBe(e);
      else expect(problems[i]).toMatch(e);
    });
  });
});

describe('references that Flux resolves synthesize', () => {
  test('the example cluster', () => {
    const app = new FluxApp({ outdir: 'unused' });
    homelab(app);
    expect(synthProblems(app)).toEqual([]);
  });

  test('valuesFrom an optional ConfigMap that does not exist', () => {
    const { app, a } = oneService();
    release(a, 'web', { valuesFrom: [ValuesFrom.configMap('maybe', { optional: true })] });
    expect(synthProblems(app)).toEqual([]);
  });

  test('valuesFrom a ConfigMap made in the app, in the same namespace or with no namespace', () => {
    const { app, a } = oneService('web', { namespace: 'web' });
    new ApiObject(a, 'v1', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace: 'web' } });
    new ApiObject(a, 'v2', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } });
    release(a, 'web', { valuesFrom: [ValuesFrom.configMap('one'), ValuesFrom.configMap('two')] });
    expect(synthProblems(app)).toEqual([]);
  });

  test('a HelmRelease in its own namespace with a chart from a HelmRepository in flux-system', () => {
    const { app, repo } = lab();
    const charts = chartRepo(repo.infrastructure('charts'), 'podinfo');
    const web = repo.service('web', { namespace: 'web' });
    new HelmRelease(web, 'web', { chart: HelmChartSource.fromRepository(charts, 'podinfo') });
    const tree = app.synthTree();
    expect(tree.get('services/web/helmrelease-web.yaml')).toContain('namespace: flux-system');
  });

  test('objects declared external with fromName and ExternalObject, in other namespaces', () => {
    const { app, a } = oneService('web', { namespace: 'web' });
    const shared = GitRepository.fromName(a, 'shared', 'shared', { namespace: 'flux-system' });
    new Kustomization(a, 'web', { source: shared }).enableSopsDecryption('sops-age');
    new ExternalObject(a, 'key', { apiVersion: 'v1', kind: 'Secret', name: 'sops-age' });
    const redis = HelmRelease.fromName(a, 'redis', 'redis', { namespace: 'data' });
    release(a, 'web-release', { dependsOn: [redis] });
    expect(synthProblems(app)).toEqual([]);
  });

  test('the same name in two namespaces', () => {
    const { app, repo } = lab();
    chartRepo(repo.service('a', { namespace: 'a' }), 'podinfo');
    chartRepo(repo.service('b', { namespace: 'b' }), 'podinfo');
    expect(synthProblems(app)).toEqual([]);
  });

  test('a dependsOn chain without a loop', () => {
    const { app, repo } = lab();
    const infra = repo.infrastructure('infra');
    const db = repo.service('db', { dependsOn: [infra] });
    repo.service('web', { dependsOn: [db, infra] });
    expect(synthProblems(app)).toEqual([]);
  });
});

describe('every problem of one synth is reported at once', () => {
  test('references, cycles, duplicates, schema and layout problems come in one error', () => {
    // GIVEN an app with five unrelated mistakes
    const { app, repo } = lab();
    const a = repo.service('a');
    const b = repo.service('b', { dependsOn: [a] });
    a.addDependsOn(b);
    new Kustomization(a, 'k', { source: refTo('GitRepository', 'missing') });
    chartRepo(a, 'dup');
    chartRepo(b, 'dup');
    new GitRepository(b, 'private', {
      url: 'ssh://git@github.com/o/p',
      secret: { secretName: 'nope', secretNamespace: 'flux-system' },
    });
    chartRepo(b, 'upper', { name: 'Upper' });
    new ApiObject(new Chart(app, 'loose'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loose' } });
    // WHEN
    let error: unknown;
    try {
      app.synthTree();
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(FluxValidationError);
    const issues = (error as FluxValidationError).issues.map((i) => `${i.field} ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'scope is not inside a folder of the GitOps tree, so it would not be written anywhere',
        expect.stringMatching(/^metadata\.name is not a DNS-1123 subdomain/),
        expect.stringMatching(/^metadata\.name is declared twice/),
        'spec.sourceRef does not resolve to any object in the app',
        'spec.secretRef does not resolve to any object in the app',
        'spec.dependsOn forms a dependency cycle of Kustomizations, so none of them ever becomes ready',
      ]),
    );
    expect(issues).toHaveLength(6);
    expect((error as FluxValidationError).message).toMatch(/^6 problems found:\n {2}- /);
  });
});
