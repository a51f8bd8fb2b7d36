import { PLAN_FILE_ENV } from './plan-file';

/** The three things `FluxApp.synth()` can do with a validated tree. */
export enum SynthOutputKind {
  /** Write the tree to the app's `outdir`. */
  TREE = 'tree',
  /**
   * Write the tree to `outdir`, and the app's objects as one multi-document YAML file into the output folder of the `cdk8s synth` CLI
   * (for its validation plugins).
   */
  TREE_AND_CDK8S_OUTPUT = 'tree-and-cdk8s-output',
  /** Write nothing to the tree: hand the files over in a plan file (what `cdk8s-flux check` reads). */
  PLAN_FILE = 'plan-file',
}

/** The environment variable the `cdk8s synth` CLI names its output folder in when it runs the app. */
export const CDK8S_OUTDIR_ENV = 'CDK8S_OUTDIR';

/**
 * Where `FluxApp.synth()` puts the validated tree. Without one, the app picks it from how it is run
 * ({@link SynthOutput.fromEnvironment}); pass one to `FluxAppProps.output` to decide in code.
 */
export class SynthOutput {
  /** Write the tree to `outdir` only. */
  public static tree(): SynthOutput {
    return new SynthOutput(SynthOutputKind.TREE, undefined);
  }

  /**
   * Write the tree to `outdir`, and `flux-tree.k8s.yaml` (every object of the app) into `cliOutdir`, the folder the
   * `cdk8s synth` CLI emptied before it ran the app.
   */
  public static treeAndCdk8sManifest(cliOutdir: string): SynthOutput {
    return new SynthOutput(SynthOutputKind.TREE_AND_CDK8S_OUTPUT, cliOutdir);
  }

  /** Write the tree's files into the JSON file `file` ({@link PlanFile}) and nothing else. */
  public static planFile(file: string): SynthOutput {
    return new SynthOutput(SynthOutputKind.PLAN_FILE, file);
  }

  /**
   * The output the environment asks for: a plan file when `CDK8S_FLUX_PLAN_FILE` names one (`cdk8s-flux check`),
   * the tree and the CLI's manifest when `CDK8S_OUTDIR` is set (`cdk8s synth`), else the tree.
   */
  public static fromEnvironment(env: NodeJS.ProcessEnv = process.env): SynthOutput {
    const planFile = env[PLAN_FILE_ENV];
    if (planFile !== undefined && planFile !== '') return SynthOutput.planFile(planFile);
    const cliOutdir = env[CDK8S_OUTDIR_ENV];
    if (cliOutdir !== undefined && cliOutdir !== '') return SynthOutput.treeAndCdk8sManifest(cliOutdir);
    return SynthOutput.tree();
  }

  private constructor(
    /** What is written. */
    public readonly kind: SynthOutputKind,
    /** The plan file, or the CLI's output folder; undefined for the tree alone. */
    public readonly path: string | undefined,
  ) {}
}
