import * as fs from 'fs';
import * as path from 'path';
import { App, AppProps } from 'cdk8s';
import { FluxValidationError, Issue } from '../errors';
import { TreePlan, planTree } from '../render/plan-tree';
import { WriteResult, writeTree } from '../render/write-tree';
import { toYaml } from '../render/yaml';
import { validateRecords } from '../validate/validate-records';
import { isValidatedConstruct } from '../validate/validated-construct';

/**
 * When this environment variable names a file, `synth()` writes the validated tree there as JSON
 * ({@link PlanFile}) instead of writing it to disk. `cdk8s-flux check` uses it to synthesize an app in memory.
 */
export const PLAN_FILE_ENV = 'CDK8S_FLUX_PLAN_FILE';

/** What `synth()` writes to the plan file. */
export interface PlanFile {
  /** The absolute output folder the tree would be written to. */
  readonly outdir: string;
  /** The files, by path relative to `outdir`. */
  readonly files: Readonly<Record<string, string>>;
}

/** Props of a {@link FluxApp}. */
export interface FluxAppProps extends Omit<AppProps, 'outdir'> {
  /**
   * Folder the GitOps tree is written to; repositories write their `path` inside it. Point it at the root of the git
   * repository Flux syncs to write the tree in place. `CDK8S_FLUX_OUTDIR` overrides the default.
   * @default "dist"
   */
  readonly outdir?: string;
}

/**
 * A cdk8s App that writes a Flux GitOps tree: one folder per application, one file per object, a
 * `kustomization.yaml` in every folder.
 *
 * `synth()` checks the whole app first and writes nothing when anything is wrong (every problem is reported in one
 * {@link FluxValidationError}); then it replaces the previous tree, removing the files of objects that are gone.
 *
 * Under the `cdk8s synth` CLI (which empties its own output folder first) the tree still goes to `outdir`, never
 * to the CLI's folder, so a failed synth leaves it as it was; the CLI's folder receives one combined manifest for
 * cdk8s validation plugins.
 */
export class FluxApp extends App {
  constructor(props: FluxAppProps = {}) {
    super({ ...props, outdir: props.outdir ?? process.env.CDK8S_FLUX_OUTDIR ?? 'dist' });
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
    const plan = planTree(this, (p) => fs.existsSync(path.join(this.outdir, p)));
    const issues = [...constructIssues, ...selfChecked, ...plan.issues, ...validateRecords(plan.records)];
    if (issues.length > 0) throw new FluxValidationError(issues);
    return plan;
  }

  /** The synthesized tree in memory, `{ path: content }`, validated; nothing is written. */
  public synthTree(): ReadonlyMap<string, string> {
    return this.plan().files;
  }

  /**
   * Validates the app and writes the tree to `outdir`.
   * @throws FluxValidationError listing every problem; nothing is written then
   */
  public override synth(): void {
    this.synthAndReport();
  }

  /** Like `synth()`, and tells which files changed. */
  public synthAndReport(): WriteResult {
    const plan = this.plan();
    const planFile = process.env[PLAN_FILE_ENV];
    if (planFile !== undefined && planFile !== '') {
      // `cdk8s-flux check` runs the app this way: the validated tree goes to the plan file, the disk is not touched.
      const out: PlanFile = { outdir: path.resolve(this.outdir), files: Object.fromEntries(plan.files) };
      fs.writeFileSync(planFile, JSON.stringify(out));
      return { written: [], removed: [] };
    }
    const result = writeTree(this.outdir, plan.files);
    const cliOutdir = process.env.CDK8S_OUTDIR;
    if (cliOutdir !== undefined && path.resolve(cliOutdir) !== path.resolve(this.outdir)) {
      fs.mkdirSync(cliOutdir, { recursive: true });
      const objects = plan.records.filter((r) => !r.external).map((r) => r.manifest);
      fs.writeFileSync(path.join(cliOutdir, 'flux-tree.k8s.yaml'), toYaml(objects));
    }
    return result;
  }
}
