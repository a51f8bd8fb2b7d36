// A homelab written by hand (test/fixtures/homelab: grouped files, chosen names, a folder Flux does not apply with a
// SOPS file in it) ported to cdk8s-flux with the public API only, and compared object by object with what
// `kubectl kustomize` builds from the hand-written YAML.
//
// Where the layouts differ, and why the result is the same for Flux:
// - The original keeps its applications in `apps/<name>/` and the folder applied by hand in `manual/n8n/`; here they
//   are `homelab/services/<name>/` and the Flux Kustomizations are in `homelab/flux/services/`. `spec.path` follows
//   from the layout and is put aside; what each path leads to is compared.
// - The original gives the objects of `apps/media/` their namespace with the `namespace:` of its
//   `kustomization.yaml`; here the folder's `objectNamespace` writes it into each plain object and the Flux objects
//   are made in `media`. Kustomize builds the same objects from both.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-30';
import { parseAllDocuments } from 'yaml';
import {
  FluxApp,
  FolderFile,
  GitOpsRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  SopsSecret,
} from '../../lib';
import { runValidate } from '../../lib/cli/validate-command';
import { K8sObject, fluxBuild, isFluxKustomization, objectKey, parseObjects } from '../support/flux-build';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'homelab');
const EXAMPLE_AGE_RECIPIENT = 'age1reftary285v4rpak8y4wh0dv3d2qnww9tg2w5jjzgxpekyt68s3spp8gd4';

const claim = (file: FolderFile, name: string, storage: string, mode = 'ReadWriteOnce', storageClassName?: string) =>
  new k8s.KubePersistentVolumeClaim(file, name, {
    metadata: { name },
    spec: {
      accessModes: [mode],
      resources: { requests: { storage: k8s.Quantity.fromString(storage) } },
      storageClassName,
    },
  });

/** The homelab in code. */
function homelab(outdir: string): FluxApp {
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'homelab', {
    url: 'ssh://git@github.com/example/homelab',
    path: 'homelab',
    sops: { ageRecipient: EXAMPLE_AGE_RECIPIENT, secretName: 'sops-age' },
  });

  const media = repo.service('media', { interval: '30m', objectNamespace: 'media' });
  new k8s.KubeNamespace(media, 'namespace', { metadata: { name: 'media' } });
  const claims = media.file('pvc.yaml');
  claim(claims, 'config', '1Gi');
  claim(claims, 'downloads', '100Gi');
  claim(claims, 'movies', '2Ti', 'ReadWriteMany', 'nfs');
  const charts = new HelmRepository(media, 'jellyfin', {
    namespace: 'media',
    url: 'https://jellyfin.github.io/jellyfin-helm',
    interval: '12h',
  });
  const release = new HelmRelease(media, 'jellyfin', {
    namespace: 'media',
    chart: HelmChartSource.fromRepository(charts, 'jellyfin', { version: '2.x' }),
    interval: '30m',
    values: { persistence: { config: { existingClaim: 'config' }, media: { existingClaim: 'movies' } } },
  });
  media.file('release.yaml', [charts, release]);
  SopsSecret.fromFile(media, 'jellyfin-api', path.join(FIXTURE, 'apps/media/jellyfin-api.sops.yaml'), {
    namespace: 'media',
    fileName: 'jellyfin-api.sops.yaml',
  });

  const home = repo.service('home-assistant', { interval: '30m', dependsOn: [media] });
  const namespaces = home.file('namespaces.yaml');
  for (const name of ['home', 'iot']) new k8s.KubeNamespace(namespaces, name, { metadata: { name } });
  // one name in two namespaces: each gets a file of its own without being told
  new k8s.KubeConfigMap(home, 'mqtt-home', {
    metadata: { name: 'mqtt', namespace: 'home' },
    data: { broker: 'mqtt.iot.svc:1883' },
  });
  new k8s.KubeConfigMap(home, 'mqtt-iot', { metadata: { name: 'mqtt', namespace: 'iot' }, data: { listener: '1883' } });

  const n8n = repo.service('n8n', { sync: false, objectNamespace: 'n8n' });
  new k8s.KubeNamespace(n8n, 'namespace', { metadata: { name: 'n8n' } });
  new k8s.KubeConfigMap(n8n.file('config.yaml'), 'config', {
    metadata: { name: 'n8n-config' },
    data: { GENERIC_TIMEZONE: 'Europe/Berlin', N8N_PORT: '5678' },
  });
  SopsSecret.fromFile(n8n, 'n8n-env', path.join(FIXTURE, 'manual/n8n/n8n-env.sops.yaml'), {
    namespace: 'n8n',
    fileName: 'n8n-env.sops.yaml',
  });
  return app;
}

const kustomize = (dir: string): K8sObject[] =>
  parseObjects(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));

/** `kind namespace/name` -> object, sorted. */
function byKey(objects: readonly K8sObject[]): Record<string, K8sObject> {
  return Object.fromEntries(objects.map((o) => [objectKey(o), o] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** An object with `spec.path` put aside (it follows from the layout). */
function withoutPath(o: K8sObject): K8sObject {
  const { path: _path, ...spec } = o.spec ?? {};
  return { ...o, spec };
}

/** `kind/name` of each document of a file, in order. */
const documents = (file: string): string[] =>
  parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => {
    const o = d.toJS() as K8sObject;
    return `${o.kind}/${o.metadata.name}`;
  });

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'a hand-written homelab ported', () => {
  let ours: string;
  beforeAll(() => {
    ours = tempDir('cdk8s-flux-homelab-');
    // the port lives in the homelab's repository, whose .sops.yaml is the one sops (and synth) would find
    const before = process.env.SOPS_CONFIG;
    process.env.SOPS_CONFIG = path.join(FIXTURE, '.sops.yaml');
    try {
      homelab(ours).synth();
    } finally {
      if (before === undefined) delete process.env.SOPS_CONFIG;
      else process.env.SOPS_CONFIG = before;
    }
  });

  const theirKustomizations = () => kustomize(path.join(FIXTURE, 'clusters/homelab')).filter(isFluxKustomization);
  const ourKustomizations = () =>
    [...kustomize(path.join(ours, 'homelab/flux/flux-system')), ...kustomize(path.join(ours, 'homelab/flux'))].filter(
      isFluxKustomization,
    );

  test('the sync objects and the Flux Kustomizations are the same, apart from their paths', () => {
    const sync = (dir: string) => kustomize(dir).filter((o) => o.kind === 'GitRepository');
    expect(sync(path.join(ours, 'homelab/flux/flux-system'))).toEqual(
      sync(path.join(FIXTURE, 'clusters/homelab/flux-system')),
    );
    expect(byKey(ourKustomizations().map(withoutPath))).toEqual(byKey(theirKustomizations().map(withoutPath)));
  });

  test('each Flux Kustomization applies the same objects, object by object, the encrypted Secret as it was', () => {
    const applied = (root: string, kustomizations: readonly K8sObject[]) =>
      Object.fromEntries(
        kustomizations
          .filter((k) => k.metadata.name !== 'flux-system')
          .map((k) => [k.metadata.name, byKey(fluxBuild(path.join(root, String(k.spec?.path)), k.spec ?? {}))]),
      );
    const mine = applied(ours, ourKustomizations());
    expect(Object.keys(mine).sort()).toEqual(['home-assistant', 'media']);
    expect(mine).toEqual(applied(FIXTURE, theirKustomizations()));
    expect(Object.keys(mine.media)).toContain('Secret media/jellyfin-api');
  });

  test('grouped files and chosen names are kept: pvc.yaml with three claims, release.yaml with its two objects', () => {
    const media = path.join(ours, 'homelab/services/media');
    for (const file of ['pvc.yaml', 'release.yaml', 'jellyfin-api.sops.yaml']) {
      expect({ file, documents: documents(path.join(media, file)) }).toEqual({
        file,
        documents: documents(path.join(FIXTURE, 'apps/media', file)),
      });
    }
    // the encrypted file is copied byte for byte, so its MAC still holds
    expect(fs.readFileSync(path.join(media, 'jellyfin-api.sops.yaml'), 'utf8')).toBe(
      fs.readFileSync(path.join(FIXTURE, 'apps/media/jellyfin-api.sops.yaml'), 'utf8'),
    );
    // the two ConfigMaps named mqtt got two files without being told
    const mqtt = fs.readdirSync(path.join(ours, 'homelab/services/home-assistant')).filter((f) => f.includes('mqtt'));
    expect(mqtt).toHaveLength(2);
  });

  test('the folder Flux does not apply builds the same objects with kubectl kustomize, and no Flux Kustomization names it', () => {
    expect(byKey(kustomize(path.join(ours, 'homelab/services/n8n')))).toEqual(
      byKey(kustomize(path.join(FIXTURE, 'manual/n8n'))),
    );
    expect(ourKustomizations().map((k) => k.metadata.name)).not.toContain('n8n');
  });

  test('cdk8s-flux validate passes the ported tree with no flags, and the hand-written one with two warnings', async () => {
    const run = async (dir: string) => {
      const lines: string[] = [];
      const code = await runValidate([dir], { out: (l) => void lines.push(l), err: (l) => void lines.push(l) });
      return { code, lines };
    };
    expect(await run(ours)).toEqual({ code: 0, lines: [expect.stringMatching(/^ok: \d+ objects in \d+ files$/)] });
    // the original declares neither the SOPS key Secret nor that manual/ is applied by hand
    const theirs = await run(FIXTURE);
    expect(theirs.code).toBe(0);
    expect(theirs.lines.filter((l) => l.startsWith('warning:'))).toHaveLength(2);
    // a .cdk8s-flux.yaml in the repository says both once, as synth writes it for the port
    const copy = tempDir('cdk8s-flux-homelab-yaml-');
    fs.cpSync(FIXTURE, copy, { recursive: true });
    const declare = (folders: string) =>
      fs.writeFileSync(
        path.join(copy, '.cdk8s-flux.yaml'),
        `external:\n  - Secret/flux-system/sops-age\nappliedByHand:\n${folders}`,
      );
    declare('  - manual/n8n\n');
    const strict = await run(copy);
    expect(strict.lines).toEqual([expect.stringMatching(/^ok: \d+ objects in \d+ files$/)]);
    declare('  - ../elsewhere\n');
    expect(await run(copy)).toEqual({
      code: 1,
      lines: [
        'cdk8s-flux validate: .cdk8s-flux.yaml: appliedByHand[0] "../elsewhere" is not a folder inside this one; write a relative path such as services/n8n',
      ],
    });
  });
});
