import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, FluxValidationError, GitRepository, Kustomization } from '../../lib';
import { homelab } from '../../main';
import { readTreeFiles, tempDir } from '../support/temp';

describe('a failed synth', () => {
  test('leaves the previous tree exactly as it was, byte for byte', () => {
    // GIVEN the example cluster synthesized into an outdir, plus a file synth does not own
    const outdir = tempDir();
    const good = new FluxApp({ outdir });
    homelab(good);
    good.synth();
    fs.writeFileSync(
      path.join(outdir, 'cluster-resources', 'flux', 'flux-system', 'gotk-components.yaml'),
      '# bootstrap\n',
    );
    const before = readTreeFiles(outdir);
    expect(before.size).toBeGreaterThan(10);

    // WHEN the same cluster with a changed object and a dangling reference is synthesized into the same outdir
    const bad = new FluxApp({ outdir });
    const repo = homelab(bad);
    const podinfo = repo.applications.find((a) => a.appName === 'podinfo');
    if (podinfo === undefined) throw new Error('the example has no podinfo application');
    new GitRepository(podinfo, 'extra', { url: 'https://github.com/o/extra', interval: '2m' });
    new Kustomization(podinfo, 'broken', {
      source: {
        ref: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'GitRepository',
          name: 'extr',
          namespace: 'default',
        },
      },
    });

    // THEN it fails with every problem, and no file changed, appeared or vanished
    expect(() => bad.synth()).toThrow(FluxValidationError);
    expect(() => bad.synth()).toThrow(
      /spec\.sourceRef "GitRepository\/default\/extr" does not resolve .*did you mean "extra"\?/,
    );
    expect(readTreeFiles(outdir)).toEqual(before);
  });
});
