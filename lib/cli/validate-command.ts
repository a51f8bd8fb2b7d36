import { ExternalFileError } from '../validate/external-file';
import * as fs from 'fs';
import * as path from 'path';
import { formatIssue } from '../errors';
import { KustomizeMissingError } from '../validate/cluster/kustomize-program';
import { EXTERNAL_FILE } from '../validate/external-file';
import { TreeIssue } from '../validate/findings';
import { ExternalDeclaration, TreeValidation, parseExternalDeclaration, validateTree } from '../validate/validate-tree';
import { CliIo, EXIT_FAILURE, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { UsageError, parseFlags } from './parse-flags';

/** The help text of `cdk8s-flux validate`. */
export const VALIDATE_USAGE = `usage: cdk8s-flux validate DIR [--external Kind/namespace/name]... [--strict] [--format text|json|github]

Checks a Flux GitOps repository (hand-written, or a synthesized tree) as Flux applies it. Each cluster is found from
its entry point (flux bootstrap's flux-system/gotk-sync.yaml, or a Flux Operator FluxInstance, also inside a
ResourceSet or as the values of the flux-instance chart); every Flux Kustomization on this repository is built with
Kustomize (kustomize, or kubectl kustomize), with its targetNamespace, patches, namePrefix/nameSuffix, components,
commonMetadata and postBuild variables; the objects that result are checked per cluster with the checks every synth
runs: Flux CRD schemas, object metadata, references, dependsOn cycles, duplicate objects, clear-text Secrets and
SOPS metadata. A tree without entry points (a repository of components) is checked file by file.

Errors are what Flux will refuse or fail on; warnings what works but is suspicious (files no Flux Kustomization
applies, references to Secrets the tree does not make). Identical findings are reported once, naming the other files.

Declare objects made outside the tree (the SOPS key Secret, a kubeconfig Secret...) with --external
Kind/namespace/name (Kind/name for cluster-scoped objects), or once in ${EXTERNAL_FILE}: at the root of DIR for
every cluster, in a folder for the clusters at or below it (cdk8s-flux synth writes one at each tree root with what
the code declares):
  external:
    - Secret/flux-system/sops-age

  --strict          warnings fail too
  --format FORMAT   text (default), json, or github (annotations GitHub Actions shows on the lines of a pull request)

example:
  cdk8s-flux validate . --strict --format github

Exit code: 0 when the tree is valid, 1 when it has problems, 2 when the command is used wrongly, 3 when Kustomize is
missing.`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One finding as a line of text: the issue (at `file:line` when the line is known), where else it is found, and its
 * clusters when there are several.
 */
function textLine(issue: TreeIssue, severalClusters: boolean): string {
  const also =
    issue.alsoIn.length === 0
      ? ''
      : ` (also in ${plural(issue.alsoIn.length, 'other file')}: ${issue.alsoIn.slice(0, 5).join(', ')}${issue.alsoIn.length > 5 ? ', ...' : ''})`;
  const clusters = severalClusters && issue.clusters.length > 0 ? ` [cluster ${issue.clusters.join(', ')}]` : '';
  const at =
    issue.file === undefined || issue.line === undefined ? issue : { ...issue, file: `${issue.file}:${issue.line}` };
  return `${formatIssue(at)}${also}${clusters}`;
}

/** A GitHub Actions workflow command (`::error file=...::message`), with its properties and message escaped. */
function annotation(level: 'error' | 'warning', issue: TreeIssue, dir: string): string {
  const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => escape(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const line = issue.line === undefined ? '' : `line=${issue.line},`;
  const file =
    issue.file === undefined
      ? ''
      : `file=${property(path.posix.join(dir.split(path.sep).join('/'), issue.file))},${line}`;
  return `::${level} ${file}title=${property(`cdk8s-flux validate: ${issue.field}`)}::${escape(textLine(issue, true))}`;
}

function report(result: TreeValidation, format: string, dir: string, strict: boolean, io: CliIo): number {
  const failed = result.issues.length > 0 || (strict && result.warnings.length > 0);
  if (format === 'json') {
    const { issues, ...rest } = result;
    io.out(JSON.stringify({ errors: issues, ...rest }, undefined, 2));
    return failed ? EXIT_PROBLEMS : 0;
  }
  if (format === 'github') {
    for (const issue of result.issues) io.out(annotation('error', issue, dir));
    for (const issue of result.warnings) io.out(annotation('warning', issue, dir));
    return failed ? EXIT_PROBLEMS : 0;
  }
  const several = result.clusters.length > 1;
  for (const issue of result.issues) io.out(textLine(issue, several));
  for (const issue of result.warnings) io.out(`warning: ${textLine(issue, several)}`);
  const warnings = result.warnings.length === 0 ? '' : `, ${plural(result.warnings.length, 'warning')}`;
  if (result.issues.length > 0) {
    const files = new Set(result.issues.flatMap((i) => [...(i.file === undefined ? [] : [i.file]), ...i.alsoIn]));
    io.out(`${plural(result.issues.length, 'problem')} in ${plural(files.size, 'file')}${warnings}`);
  } else {
    io.out(`ok: ${plural(result.objects, 'object')} in ${plural(result.files.length, 'file')}${warnings}`);
  }
  return failed ? EXIT_PROBLEMS : 0;
}

/**
 * `cdk8s-flux validate DIR`: prints every problem of the tree, then a summary line (`N problems in M files` or
 * `ok: N objects in M files`), as text, JSON or GitHub Actions annotations.
 *
 * @param args the arguments after `validate`
 * @returns the exit code: 0 valid, 1 problems, 2 wrong usage, 3 Kustomize missing
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  let dir: string;
  let strict: boolean;
  let format: string;
  const external: ExternalDeclaration[] = [];
  try {
    const flags = parseFlags(args, [
      { name: 'external', kind: 'list' },
      { name: 'strict', kind: 'boolean' },
      { name: 'format', kind: 'string' },
    ]);
    if (flags.help) {
      io.out(VALIDATE_USAGE);
      return 0;
    }
    for (const value of flags.values.get('external') ?? []) {
      const declaration = parseExternalDeclaration(value);
      if (declaration === undefined) {
        throw new UsageError(`--external needs Kind/namespace/name or Kind/name, got ${JSON.stringify(value)}`);
      }
      external.push(declaration);
    }
    strict = flags.values.has('strict');
    format = flags.values.get('format')?.[0] ?? 'text';
    if (!['text', 'json', 'github'].includes(format)) {
      throw new UsageError(`--format is text, json or github, got ${JSON.stringify(format)}`);
    }
    if (flags.positionals.length !== 1) {
      throw new UsageError(
        `${flags.positionals.length === 0 ? 'name the folder to check' : 'name one folder'}\n${VALIDATE_USAGE}`,
      );
    }
    dir = flags.positionals[0];
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`cdk8s-flux validate: ${e.message}`);
    return EXIT_USAGE;
  }
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    io.err(`cdk8s-flux validate: ${dir} is not a folder`);
    return EXIT_USAGE;
  }
  try {
    return report(await validateTree(dir, { external }), format, dir, strict, io);
  } catch (e) {
    if (!(e instanceof KustomizeMissingError || e instanceof ExternalFileError)) throw e;
    io.err(`cdk8s-flux validate: ${e.message}`);
    // a .cdk8s-flux.yaml at fault is a problem of the tree; a missing program, one of the machine
    return e instanceof ExternalFileError ? EXIT_PROBLEMS : EXIT_FAILURE;
  }
}
