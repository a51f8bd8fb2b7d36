import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { FluxValidationError, Issue, withoutRepeats } from '../errors';
import { withCreationSites } from '../flux/flux-object';
import { adoptionIssues, treeOwnership } from '../render/ownership';
import { WriteResult, writeTree } from '../render/write-tree';
import { documentYaml, joinDocuments } from '../render/yaml';
import { generateSopsConfig, sopsCreationRules } from '../secrets/generate-sops-config';
import { validateRecords } from '../validate/validate-records';
import { isValidatedConstruct } from '../validate/validated-construct';
import { cdk8sCliFolderIssues } from './cdk8s-cli-folder';
import { gitPathIssues } from './git-paths';
import { kustomizationPathIssues } from './kustomization-paths';
import { GitOpsRepository } from './gitops-repository';
import { writePlanFile } from './plan-file';
import { TreePlan, planTree } from './plan-tree';
import { SynthOutput, SynthOutputKind } from './synth-output';
import { SynthSummary, formatSynthSummary } from './synth-summary';
import { printWhenUncaught } from './uncaught-validation-error';

/** The environment variable that, set to `1`, makes every synth adopt the files it did not write ({@link FluxAppProps.adopt}). */
export const ADOPT_ENV = 'CDK8S_FLUX_ADOPT';
/** The environment variable that, set to `1` or `0`, makes every synth print no summary or one ({@link FluxAppProps.quiet}). */
export const QUIET_ENV = 'CDK8S_FLUX_QUIET';

/** The file of the `cdk8s synth` CLI's output folder that receives every object of the app. */
const CDK8S_OUTPUT_FILE = 'flux-tree.k8s.yaml';

/** Props of a {@link FluxApp}. */
export interface FluxAppProps extends Omit<AppProps, 'outdir'> {
  /**
   * Folder the GitOps tree is written to; repositories write their `path` inside it. Point it at the root of the git
   * repository Flux syncs to write the tree in place. `CDK8S_FLUX_OUTDIR` overrides the default.
   * @default "dist"
   */
  readonly outdir?: string;
  /**
   * What `synth()` writes: the tree, the tree and the `cdk8s synth` CLI's manifest, or a plan file.
   * @default SynthOutput.fromEnvironment(): chosen from how the app is run
   */
  readonly output?: SynthOutput;
  /**
   * Replace files in the tree's place that no earlier synth wrote (an existing repository being adopted), and report
   * each one. Without it, synth stops and lists them.
   * @default true when CDK8S_FLUX_ADOPT is `1` (`cdk8s-flux synth --adopt`), else false
   */
  readonly adopt?: boolean;
  /**
   * Print no summary after a synth.
   * @default true when CDK8S_FLUX_QUIET is `1` (`cdk8s-flux synth --quiet`), false when it is `0`
   * (`cdk8s-flux synth`); unset, true under jest only
   */
  readonly quiet?: boolean;
}

/**
 * A cdk8s App that writes a Flux GitOps tree: one folder per application, one file per object, a
 * `kustomization.yaml` in every folder.
 *
 * `synth()` checks the whole app first and writes nothing when anything is wrong (every problem is reported in one
 * {@link FluxValidationError}); then it replaces the previous tree, removing the files of objects that are gone, and
 * prints what it did on standard error.
 *
 * It refuses to write where a file could be lost: into the folder the `cdk8s synth` CLI empties (`output` of
 * `cdk8s.yaml`, `dist` when unset), over files an earlier synth did not write (unless `adopt`), or inside a git
 * repository at another place than the tree's Flux paths say (unless the repository is `separateRepository`).
 */
export class FluxApp extends App {
  /** What `synth()` writes. */
  public readonly output: SynthOutput;
  /** True when synth replaces files it did not write. */
  public readonly adopt: boolean;
  /** True when synth prints no summary. */
  public readonly quiet: boolean;

  constructor(props: FluxAppProps = {}) {
    const { output, adopt, quiet, ...appProps } = props;
    super({ ...appProps, outdir: props.outdir ?? process.env.CDK8S_FLUX_OUTDIR ?? 'dist' });
    this.output = output ?? SynthOutput.fromEnvironment();
    this.adopt = adopt ?? process.env[ADOPT_ENV] === '1';
    const quietEnv = process.env[QUIET_ENV];
    this.quiet = quiet ?? (quietEnv !== undefined ? quietEnv === '1' : process.env.JEST_WORKER_ID !== undefined);
  }

  /**
   * Lays out and validates the whole tree without writing anything.
   * @throws FluxValidationError listing every problem found
   */
  public plan(): TreePlan {
    const constructIssues: Issue[] = this.node.findAll().flatMap((c) =>
      c.node.validate().map((message) => ({
        constructPath: c.node.path,
        field: 'construct',
        message,
        fix: 'see the message',
      })),
    );
    const selfChecked = this.node
      .findAll()
      .filter(isValidatedConstruct)
      .flatMap((c) => c.validateIssues());
    const plan = planTree(
      this,
      (p) => fs.existsSync(path.join(this.outdir, p)),
      (p) => readIfFile(path.join(this.outdir, p)),
    );
    const pathIssues = kustomizationPathIssues(
      this.node.findAll().filter((c) => c instanceof GitOpsRepository),
      plan.files.keys(),
      (p) => isFolder(path.join(this.outdir, p)),
    );
    const first = [...constructIssues, ...selfChecked];
    const later = [...plan.issues, ...pathIssues, ...validateRecords(plan.records)];
    const issues = [...first, ...withoutRepeats(first, later)];
    if (issues.length > 0) throw new FluxValidationError(withCreationSites(this, issues));
    return plan;
  }

  /** The synthesized tree in memory, `{ path: content }`, validated; nothing is written. */
  public synthTree(): ReadonlyMap<string, string> {
    return this.plan().files;
  }

  /**
   * Validates the app and writes it to its {@link output}.
   * @throws FluxValidationError listing every problem; nothing is written then
   */
  public override synth(): void {
    try {
      this.synthAndReport();
    } catch (error) {
      if (error instanceof FluxValidationError) printWhenUncaught(error);
      throw error;
    }
  }

  /** Like `synth()`, and tells which files changed. */
  public synthAndReport(): WriteResult {
    if (this.output.kind === SynthOutputKind.PLAN_FILE && this.output.path !== undefined) {
      // `cdk8s-flux sops init` needs the .sops.yaml even when the checks fail: the secret files do not exist yet.
      const sopsConfig = sopsCreationRules(this).length > 0 ? generateSopsConfig(this) : undefined;
      let files: ReadonlyMap<string, string> = new Map();
      try {
        files = this.plan().files;
      } finally {
        writePlanFile(this.output.path, this.outdir, files, sopsConfig);
      }
      return { written: [], removed: [] };
    }
    const plan = this.plan();
    const trees = this.node.findAll().filter((c) => c instanceof GitOpsRepository);
    const ownership = treeOwnership(
      this.outdir,
      plan.files,
      trees.map((t) => t.rootPath),
    );
    const refusals = [
      ...cdk8sCliFolderIssues(this.outdir, plan.files.keys(), this.output),
      ...gitPathIssues(this.outdir, trees),
      ...(this.adopt ? [] : adoptionIssues(ownership)),
    ];
    if (refusals.length > 0) throw new FluxValidationError(refusals);
    const existed = new Set([...plan.files.keys()].filter((f) => fs.existsSync(path.join(this.outdir, f))));
    const result = writeTree(this.outdir, plan.files);
    if (this.output.kind === SynthOutputKind.TREE_AND_CDK8S_OUTPUT && this.output.path !== undefined) {
      fs.mkdirSync(this.output.path, { recursive: true });
      const texts = plan.records
        .filter((r) => !r.external)
        .map((r) => plan.objectTexts.get(r.manifest) ?? documentYaml(r.manifest));
      fs.writeFileSync(path.join(this.output.path, CDK8S_OUTPUT_FILE), joinDocuments(texts));
    }
    if (!this.quiet) {
      const summary: SynthSummary = {
        outdir: this.outdir,
        added: result.written.filter((f) => !existed.has(f)),
        changed: result.written.filter((f) => existed.has(f)),
        removed: result.removed,
        unchanged: plan.files.size - result.written.length,
        adopted: ownership.unowned,
        unlisted: ownership.unlisted,
        trees,
      };
      for (const line of formatSynthSummary(summary)) process.stderr.write(`${line}\n`);
    }
    return result;
  }
}

/** True when `folder` is a folder. */
function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** The text of `file`, or `undefined` when there is no such file. */
function readIfFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR')
      return undefined;
    throw e;
  }
}
