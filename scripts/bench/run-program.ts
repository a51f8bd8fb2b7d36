import { Fleet, fleetApplications } from './fleet';

/** The command line of a benchmark program: `--apps N --out DIR [--secrets DIR --age RECIPIENT]`. */
export function programArgs(fleet: { apps: number; outdir: string; secretsDir?: string; ageRecipient?: string }) {
  const secrets =
    fleet.secretsDir === undefined ? [] : ['--secrets', fleet.secretsDir, '--age', fleet.ageRecipient ?? ''];
  return ['--apps', String(fleet.apps), '--out', fleet.outdir, ...secrets];
}

function argOf(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * Runs a benchmark program as the main module: reads {@link programArgs} from the command line and writes the
 * fleet.
 */
export function runFleetProgram(write: (fleet: Fleet, outdir: string) => void): void {
  const argv = process.argv.slice(2);
  const apps = Number(argOf(argv, '--apps'));
  const outdir = argOf(argv, '--out');
  if (!Number.isInteger(apps) || apps < 1 || outdir === undefined) {
    throw new Error('usage: --apps N --out DIR [--secrets DIR --age RECIPIENT]');
  }
  write(
    { applications: fleetApplications(apps), secretsDir: argOf(argv, '--secrets'), ageRecipient: argOf(argv, '--age') },
    outdir,
  );
}
