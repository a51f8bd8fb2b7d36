import * as fs from 'fs';
import * as path from 'path';
import { k8s } from 'cdk8s-plus-30';
import { parseAllDocuments, visit } from 'yaml';
import {
  FluxApp,
  FluxValidationError,
  GitOpsRepository,
  GitRef,
  GitRepository,
  HelmChartSource,
  HelmRelease,
  HelmRepository,
  ImagePolicy,
  ImageRepository,
  ImageSetter,
  ImageUpdateAutomation,
  ImageUpdateStrategy,
  TagPolicy,
} from '../../lib';
import { readTreeFiles, tempDir } from '../support/temp';

const DEPLOYMENT = 'services/podinfo/deployment-podinfo.yaml';
const RELEASE = 'services/podinfo/helmrelease-podinfo-chart.yaml';

/** The example's podinfo with its image automation: one Deployment and one chart take their image from the policy. */
function app(outdir: string, options: { readonly embedded?: boolean } = {}): FluxApp {
  const a = new FluxApp({ outdir, quiet: true });
  const repo = new GitOpsRepository(a, 'r', { url: 'ssh://git@github.com/o/r' });
  const podinfo = repo.service('podinfo');
  const git = new GitRepository(podinfo, 'self', { url: 'ssh://git@github.com/o/r', ref: GitRef.branch('main') });
  const images = new ImageRepository(podinfo, 'podinfo', { image: 'ghcr.io/stefanprodan/podinfo', interval: '5m' });
  const policy = new ImagePolicy(podinfo, 'podinfo', { imageRepository: images, policy: TagPolicy.semver('6.x') });
  new ImageUpdateAutomation(podinfo, 'podinfo', {
    source: git,
    interval: '30m',
    commit: { authorEmail: 'fluxcdbot@users.noreply.github.com', authorName: 'fluxcdbot' },
    push: { branch: 'main' },
    update: ImageUpdateStrategy.setters('./'),
  });
  const image = ImageSetter.image(policy, 'ghcr.io/stefanprodan/podinfo:6.5.0');
  new k8s.KubeDeployment(podinfo, 'podinfo', {
    metadata: { name: 'podinfo', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: { containers: [{ name: 'podinfo', image: options.embedded ? `docker.io/${image}` : image }] },
      },
    },
  });
  const charts = new HelmRepository(podinfo, 'charts', { url: 'https://stefanprodan.github.io/podinfo' });
  new HelmRelease(podinfo, 'podinfo-chart', {
    chart: HelmChartSource.fromRepository(charts, 'podinfo', { version: '6.x' }),
    values: {
      image: {
        repository: ImageSetter.imageName(policy, 'ghcr.io/stefanprodan/podinfo'),
        tag: ImageSetter.tag(policy, '6.5.0'),
      },
    },
  });
  return a;
}

/**
 * What image-automation-controller's setters strategy does to a file when `policy` finds `latest`: every scalar whose
 * line comment is the policy's marker (`{"$imagepolicy": "ns:name"}`, `...:tag`, `...:name`) gets that part of the
 * latest image, and the file is written again.
 */
function applySetters(dir: string, policy: string, latest: string): string[] {
  const [name, tag] = latest.split(':');
  const parts: Record<string, string> = { [policy]: latest, [`${policy}:tag`]: tag, [`${policy}:name`]: name };
  const changed: string[] = [];
  for (const file of readTreeFiles(dir).keys()) {
    if (!file.endsWith('.yaml')) continue;
    const full = path.join(dir, file);
    const docs = parseAllDocuments(fs.readFileSync(full, 'utf8'));
    let touched = false;
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      visit(doc, {
        Scalar(_, node) {
          const marker = /^\s*\{"\$imagepolicy":\s*"([^"]+)"\}\s*$/.exec(node.comment ?? '')?.[1];
          const value = marker === undefined ? undefined : parts[marker];
          if (value !== undefined && node.value !== value) {
            node.value = value;
            touched = true;
          }
        },
      });
    }
    if (touched) {
      fs.writeFileSync(full, (Array.isArray(docs) ? docs : [docs]).map((d) => d.toString()).join('---\n'));
      changed.push(file);
    }
  }
  return changed.sort();
}

describe('image setters', () => {
  test('GIVEN image setters WHEN synthesized THEN each field is written with the marker image automation looks for', () => {
    // GIVEN
    const dir = tempDir();
    // WHEN
    app(dir).synth();
    // THEN
    const deployment = fs.readFileSync(path.join(dir, DEPLOYMENT), 'utf8');
    expect(deployment).toContain(
      '- image: ghcr.io/stefanprodan/podinfo:6.5.0 # {"$imagepolicy": "flux-system:podinfo"}\n',
    );
    const release = fs.readFileSync(path.join(dir, RELEASE), 'utf8');
    expect(release).toContain(
      'repository: ghcr.io/stefanprodan/podinfo # {"$imagepolicy": "flux-system:podinfo:name"}',
    );
    expect(release).toContain('tag: 6.5.0 # {"$imagepolicy": "flux-system:podinfo:tag"}');
    expect([...readTreeFiles(dir).values()].join('\n')).not.toContain('cdk8s-flux image setter');
  });

  test('GIVEN a tree the automation updated WHEN synthesized again THEN its values are kept, nothing else changes, and the check is green', () => {
    // GIVEN
    const dir = tempDir();
    app(dir).synth();
    const before = readTreeFiles(dir);
    expect(applySetters(dir, 'flux-system:podinfo', 'ghcr.io/stefanprodan/podinfo:6.5.1')).toEqual([
      DEPLOYMENT,
      RELEASE,
    ]);
    const committed = readTreeFiles(dir);
    // WHEN
    const again = app(dir);
    const planned = again.synthTree();
    again.synth();
    // THEN
    const after = readTreeFiles(dir);
    expect(after.get(DEPLOYMENT)).toContain(
      '- image: ghcr.io/stefanprodan/podinfo:6.5.1 # {"$imagepolicy": "flux-system:podinfo"}\n',
    );
    expect(after.get(RELEASE)).toContain('tag: 6.5.1 # {"$imagepolicy": "flux-system:podinfo:tag"}');
    expect(after).toEqual(committed);
    for (const [file, text] of before) if (file !== DEPLOYMENT && file !== RELEASE) expect(after.get(file)).toBe(text);
    for (const [file, text] of planned) expect(after.get(file)).toBe(text);
  });

  test('GIVEN a marker removed by hand WHEN synthesized again THEN the initial value and the marker come back', () => {
    // GIVEN
    const dir = tempDir();
    app(dir).synth();
    applySetters(dir, 'flux-system:podinfo', 'ghcr.io/stefanprodan/podinfo:6.5.1');
    const file = path.join(dir, DEPLOYMENT);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/ # \{"\$imagepolicy".*\}/, ''));
    // WHEN
    app(dir).synth();
    // THEN
    expect(fs.readFileSync(file, 'utf8')).toContain('podinfo:6.5.0 # {"$imagepolicy": "flux-system:podinfo"}');
    expect(fs.readFileSync(path.join(dir, RELEASE), 'utf8')).toContain('tag: 6.5.1 #');
  });

  test('GIVEN a setter inside a longer value WHEN synthesized THEN synth names the field and writes nothing', () => {
    // GIVEN
    const dir = tempDir();
    // WHEN
    const error = (() => {
      try {
        app(dir, { embedded: true }).synth();
      } catch (e) {
        return e;
      }
      throw new Error('synth succeeded');
    })();
    // THEN
    expect(error).toBeInstanceOf(FluxValidationError);
    const issue = (error as FluxValidationError).issues.find((i) => i.field.endsWith('image'));
    expect(issue).toMatchObject({
      constructPath: 'r/services/podinfo/podinfo',
      field: 'spec.template.spec.containers.0.image',
      message: expect.stringContaining('inside a longer value') as string,
    });
    expect(readTreeFiles(dir).size).toBe(0);
  });

  test('the marker names the policy by namespace and name, with the part unless the whole image is meant', () => {
    const a = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(a, 'r', { url: 'ssh://git@github.com/o/r' });
    const ns = repo.service('apps', { namespace: 'apps' });
    const images = new ImageRepository(ns, 'app', { image: 'ghcr.io/o/app', interval: '5m' });
    const policy = new ImagePolicy(ns, 'app', { imageRepository: images, policy: TagPolicy.semver('1.x') });
    expect(ImageSetter.decode(ImageSetter.digest(policy, 'sha256:00'))).toEqual({
      marker: `${policy.ref.namespace}:app:digest`,
      initial: 'sha256:00',
    });
    expect(ImageSetter.decode('ghcr.io/o/app:1.0.0')).toBeUndefined();
  });
});
