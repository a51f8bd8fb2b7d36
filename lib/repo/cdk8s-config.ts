import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/** The file the cdk8s CLI reads its settings from, in the folder it runs in. */
const CDK8S_CONFIG_FILE = 'cdk8s.yaml';

/** The output folder of `cdk8s synth` when `cdk8s.yaml` sets none. */
const CDK8S_DEFAULT_OUTPUT = 'dist';

/** The settings of a `cdk8s.yaml` that cdk8s-flux reads. */
export interface Cdk8sConfig {
  /** The command that runs the app, when set. */
  readonly app?: string;
  /** The folder `cdk8s synth` empties and writes to, as written (relative to the file's folder). */
  readonly output: string;
  /** True when `output` is the CLI's default because the file sets none. */
  readonly defaultOutput: boolean;
}

/** The `cdk8s.yaml` of `dir`, or undefined when there is none. */
export function readCdk8sConfig(dir: string): Cdk8sConfig | undefined {
  const file = path.join(dir, CDK8S_CONFIG_FILE);
  if (!fs.existsSync(file)) return undefined;
  const config = parse(fs.readFileSync(file, 'utf8')) as { app?: unknown; output?: unknown } | null;
  const app = typeof config?.app === 'string' && config.app.trim() !== '' ? config.app : undefined;
  const output = typeof config?.output === 'string' && config.output !== '' ? config.output : undefined;
  return { ...(app === undefined ? {} : { app }), output: output ?? CDK8S_DEFAULT_OUTPUT, defaultOutput: !output };
}
