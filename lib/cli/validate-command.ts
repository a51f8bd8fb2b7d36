import * as fs from 'fs';
import { formatIssue } from '../errors';
import { ExternalDeclaration, parseExternalDeclaration, validateTree } from '../validate/validate-tree';
import { CliIo, EXIT_PROBLEMS, EXIT_USAGE } from './io';

/** The help text of `cdk8s-flux validate`. */
export const VALIDATE_USAGE = `usage: cdk8s-flux validate DIR [--external Kind/namespace/name]...

Checks a folder of Flux manifests (a hand-written GitOps repository, or a synthesized tree) with the checks
every synth runs: Flux CRD schemas, object metadata, references (sourceRef, chartRef, dependsOn, secretRef...),
dependsOn cycles, duplicate objects, clear-text Secrets and SOPS metadata, and kustomization.yaml entries.

Objects in any file under DIR may be referred to. In a folder with a flux-system/ bootstrap folder, the objects
\`flux bootstrap\` makes are known: the Git credentials Secret named by gotk-sync.yaml, or, when gotk-sync.yaml
holds no object, the flux-system GitRepository, Kustomization and Secret. Declare anything else made outside
the tree with --external, e.g. --external Secret/flux-system/sops-age (Kind/name for cluster-scoped objects).
Several cluster folders (clusters/staging, clusters/production) are checked one at a time, each with the
folders shared by all (apps/, infrastructure/).

Exit code: 0 when the tree is valid, 1 when it has problems, 2 when the command is used wrongly.`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `cdk8s-flux validate DIR`: prints every problem of the tree, one line each, then a summary line
 * (`N problems in M files` or `ok: N objects in M files`).
 *
 * @param args the arguments after `validate`
 * @returns the exit code: 0 valid, 1 problems, 2 wrong usage
 */
export function runValidate(args: readonly string[], io: CliIo): number {
  const dirs: string[] = [];
  const external: ExternalDeclaration[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      io.out(VALIDATE_USAGE);
      return 0;
    }
    if (arg === '--external' || arg.startsWith('--external=')) {
      const value = arg === '--external' ? args[++i] : arg.slice('--external='.length);
      const declaration = value === undefined ? undefined : parseExternalDeclaration(value);
      if (declaration === undefined) {
        io.err(
          `cdk8s-flux validate: --external needs Kind/namespace/name or Kind/name, got ${JSON.stringify(value ?? '')}`,
        );
        return EXIT_USAGE;
      }
      external.push(declaration);
    } else if (arg.startsWith('-')) {
      io.err(`cdk8s-flux validate: unknown option ${arg}\n${VALIDATE_USAGE}`);
      return EXIT_USAGE;
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length !== 1) {
    io.err(
      `cdk8s-flux validate: ${dirs.length === 0 ? 'name the folder to check' : 'name one folder'}\n${VALIDATE_USAGE}`,
    );
    return EXIT_USAGE;
  }
  const dir = dirs[0];
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    io.err(`cdk8s-flux validate: ${dir} is not a folder`);
    return EXIT_USAGE;
  }
  const result = validateTree(dir, { external });
  for (const issue of result.issues) io.out(formatIssue(issue));
  if (result.issues.length > 0) {
    const files = new Set(result.issues.map((i) => i.file).filter((f) => f !== undefined));
    io.out(`${plural(result.issues.length, 'problem')} in ${plural(files.size, 'file')}`);
    return EXIT_PROBLEMS;
  }
  io.out(`ok: ${plural(result.objects, 'object')} in ${plural(result.files.length, 'file')}`);
  return 0;
}
