// Helpers shared by the tests of test/flux: an app with one application to build Flux objects in.
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { parse } from 'yaml';
import { Application, ApplicationOptions, FluxApp, FluxValidationError, GitOpsRepository, Issue } from '../../lib';

/** Never created: the tests read the tree from `synthTree()`, which writes nothing. */
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-flux-test-flux-not-written');

/** A FluxApp, the GitOpsRepository `r` and its application `services/<name>`, made as a user makes them. */
export function service(
  name = 'x',
  options: ApplicationOptions = {},
): {
  app: FluxApp;
  repo: GitOpsRepository;
  a: Application;
} {
  const app = new FluxApp({ outdir: OUTDIR });
  const repo = new GitOpsRepository(app, 'r', { url: 'ssh://git@github.com/o/r' });
  return { app, repo, a: repo.service(name, options) };
}

/** A synthesized Flux object: top-level fields are read by name, deeper ones compared whole. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly spec: Readonly<Record<string, unknown>>;
}

/** The manifest an object synthesizes (what its file holds). */
export function manifestOf(obj: ApiObject): Manifest {
  const json: unknown = obj.toJson();
  return json as Manifest;
}

/** The `spec` an object synthesizes. */
export function specOf(obj: ApiObject): Manifest['spec'] {
  return manifestOf(obj).spec;
}

/** The one document of a file of the synthesized tree, parsed. */
export function fileOf(app: FluxApp, file: string): unknown {
  const text = app.synthTree().get(file);
  if (text === undefined) throw new Error(`no file ${file} in the tree`);
  return parse(text);
}

/** Parses YAML written inline in a test, indented with the code around it. */
export function yamlOf(text: string): unknown {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  return parse(lines.map((l) => l.slice(indent)).join('\n'));
}

/** The single issue `fn` fails with. */
export function issueOf(fn: () => unknown): Issue {
  try {
    fn();
  } catch (e) {
    if (e instanceof FluxValidationError && e.issues.length === 1) return e.issues[0];
    throw e;
  }
  throw new Error('expected a FluxValidationError, but nothing was thrown');
}

/**
 * The message the synth of an app fails with after `make` made a bad object in it: making it throws nothing (the
 * problem is kept and reported with every other one at synth).
 */
export function synthProblem(make: () => IConstruct): string {
  return synthErrorOf(make()).message;
}

/** The single issue the synth of an app fails with after `make` made a bad object in it; making it throws nothing. */
export function synthIssueOf(make: () => IConstruct): Issue {
  const { issues } = synthErrorOf(make());
  if (issues.length !== 1) throw new Error(`expected one issue, got ${issues.length}`);
  return issues[0];
}

/** The error the synth of the app that holds `made` fails with. */
export function synthErrorOf(made: IConstruct): FluxValidationError {
  try {
    (made.node.root as FluxApp).synthTree();
  } catch (e) {
    if (e instanceof FluxValidationError) return e;
    throw e;
  }
  throw new Error('expected the synth to fail, but it succeeded');
}
