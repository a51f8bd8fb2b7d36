import * as path from 'path';
import { Issue } from '../errors';
import { readCdk8sConfig } from './cdk8s-config';
import { displayPath } from './display-path';
import { SynthOutput, SynthOutputKind } from './synth-output';

/** True when `inner` (absolute) is `outer` (absolute) or lies inside it. */
function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** How the tree at `tree` (absolute) stands to `folder`: is it, lies inside it, or has files inside it. */
function placeIn(tree: string, folder: string): string {
  const how = tree === folder ? 'is' : within(tree, folder) ? 'lies in' : 'puts files in';
  return `${how} ${displayPath(folder)}`;
}

const CONFIG_FIX = 'set `output: cdk8s.out` in cdk8s.yaml (the CLI then empties and fills that folder only)';

/**
 * The problems of writing the tree to `outdir` where the `cdk8s synth` CLI empties its output folder before it runs
 * the app: the folder the CLI runs this app for (`CDK8S_OUTDIR`, already emptied), and the `output` of the
 * `cdk8s.yaml` in the working folder (`dist` when it sets none), which the next `cdk8s synth` would empty. A tree
 * there, or a file of it, would be lost to the CLI, so synth refuses before it writes anything.
 *
 * @param files the tree's files, relative to `outdir`
 */
export function cdk8sCliFolderIssues(outdir: string, files: Iterable<string>, output: SynthOutput): Issue[] {
  const tree = path.resolve(outdir);
  const paths = [...files].map((f) => path.join(tree, f));
  const hits = (folder: string) => within(tree, folder) || paths.some((p) => within(p, folder));
  const where = { field: 'outdir', value: outdir };
  if (output.kind === SynthOutputKind.TREE_AND_CDK8S_OUTPUT && output.path !== undefined) {
    const cliFolder = path.resolve(output.path);
    if (hits(cliFolder)) {
      return [
        {
          ...where,
          message:
            `${placeIn(tree, cliFolder)}, the output folder \`cdk8s synth\` emptied before it ran the app: ` +
            'what was there was deleted by the cdk8s CLI, and synth writes no tree there',
          fix: `${CONFIG_FIX}, or give FluxApp an outdir outside it; restore the deleted files from git (git checkout -- ${displayPath(cliFolder)})`,
        },
      ];
    }
  }
  const config = readCdk8sConfig(process.cwd());
  if (config !== undefined && hits(path.resolve(config.output))) {
    return [
      {
        ...where,
        message:
          `${placeIn(tree, path.resolve(config.output))}, the output folder of cdk8s.yaml` +
          `${config.defaultOutput ? ' (the CLI default, as cdk8s.yaml sets no output)' : ''}: ` +
          '`cdk8s synth` empties it before it runs the app, so the next cdk8s synth would delete the tree',
        fix: `${CONFIG_FIX}, or give FluxApp an outdir outside it`,
      },
    ];
  }
  return [];
}
