// Small FluxApps for the validation tests, built through the public API as a user builds them.
import * as os from 'os';
import * as path from 'path';
import { IConstruct } from 'constructs';
import {
  Application,
  ApplicationOptions,
  FluxApp,
  FluxValidationError,
  GitOpsRepository,
  formatIssue,
} from '../../lib';

/** Never created: these tests read the tree from `synthTree()`, which writes nothing. */
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-flux-test-validate-not-written');

/** A FluxApp with the repository `lab` (tree at the repository root). */
export function lab(): { app: FluxApp; repo: GitOpsRepository } {
  const app = new FluxApp({ outdir: OUTDIR });
  return { app, repo: new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab' }) };
}

/** A FluxApp with one application `services/<name>`. */
export function oneService(
  name = 'web',
  options: ApplicationOptions = {},
): { app: FluxApp; repo: GitOpsRepository; a: Application } {
  const { app, repo } = lab();
  return { app, repo, a: repo.service(name, options) };
}

/** Every problem the synth of `app` reports, one formatted line each; `[]` when it synthesizes. */
export function synthProblems(app: FluxApp): string[] {
  try {
    app.synthTree();
    return [];
  } catch (e) {
    if (e instanceof FluxValidationError) return e.issues.map(formatIssue);
    throw e;
  }
}

/** The problems the synth of an app reports after `make` made a bad object in it (kept until synth, not thrown). */
export function madeProblems(make: () => IConstruct): string[] {
  return synthProblems(make().node.root as FluxApp);
}

/** The problems of a code block that fails as soon as it runs (a bad prop caught by a constructor). */
export function eagerProblems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof FluxValidationError) return e.issues.map(formatIssue);
    throw e;
  }
  return [];
}
