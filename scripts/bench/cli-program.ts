import { runCli } from '../../lib/cli';

/** The `cdk8s-flux` command through the public API, so that the bench runs it compiled like the rest. */
runCli(process.argv.slice(2), {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cdk8s-flux: ${String(error)}\n`);
    process.exitCode = 3;
  },
);
