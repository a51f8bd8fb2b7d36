import * as fs from 'fs';
import * as path from 'path';
import { FluxApp, GitOpsRepository, SynthOutput, SynthOutputKind } from '../../lib';
import { readTreeFiles, tempDir } from '../support/temp';

function lab(outdir: string, output: SynthOutput): FluxApp {
  const app = new FluxApp({ outdir, output });
  new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', path: 'cluster' }).service('web');
  return app;
}

describe('the output of a synth', () => {
  test.each([
    [{ CDK8S_FLUX_PLAN_FILE: 'plan.json', CDK8S_OUTDIR: 'cdk8s.out' }, SynthOutputKind.PLAN_FILE, 'plan.json'],
    [{ CDK8S_FLUX_PLAN_FILE: '', CDK8S_OUTDIR: 'cdk8s.out' }, SynthOutputKind.TREE_AND_CDK8S_OUTPUT, 'cdk8s.out'],
    [{}, SynthOutputKind.TREE, undefined],
  ])('GIVEN the environment %j WHEN the output is chosen from it THEN it is %s', (env, kind, file) => {
    const output = SynthOutput.fromEnvironment(env);
    expect([output.kind, output.path]).toEqual([kind, file]);
  });

  test('GIVEN an explicit plan-file output WHEN synthesized THEN the plan file holds the tree and outdir stays empty', () => {
    const dir = tempDir();
    const planFile = path.join(dir, 'plan.json');
    lab(path.join(dir, 'tree'), SynthOutput.planFile(planFile)).synth();
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { outdir: string; files: Record<string, string> };
    expect(plan.outdir).toBe(path.join(dir, 'tree'));
    expect(Object.keys(plan.files)).toContain('cluster/flux/flux-system/gotk-sync.yaml');
    expect(fs.existsSync(path.join(dir, 'tree'))).toBe(false);
  });

  test('GIVEN an explicit tree-and-manifest output WHEN synthesized THEN both the tree and the combined manifest are written', () => {
    const dir = tempDir();
    lab(path.join(dir, 'tree'), SynthOutput.treeAndCdk8sManifest(path.join(dir, 'cli'))).synth();
    expect(readTreeFiles(path.join(dir, 'tree')).has('cluster/flux/flux-system/gotk-sync.yaml')).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'cli', 'flux-tree.k8s.yaml'), 'utf8')).toContain('name: flux-system');
  });
});
