// `cdk8s-flux/cli`: the `cdk8s-flux` command, for programs that embed it.

export { type CliCommand, COMMANDS, runCli } from './main';
export { type CliIo, EXIT_FAILURE, EXIT_PROBLEMS, EXIT_USAGE } from './io';
export { runSecret, SECRET_USAGE } from './secret-command';
export { type SecretCommandOptions } from './secret-context';
export { type EditorRun, type EditorSpawner } from './editor';
export { CHECK_USAGE, runCheck } from './check-command';
export { runValidate, VALIDATE_USAGE } from './validate-command';
export { GRAPH_USAGE, runGraph } from './graph-command';
