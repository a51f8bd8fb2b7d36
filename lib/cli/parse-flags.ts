import { didYouMean } from '../sops/base/did-you-mean';

/** A command used wrongly: an unknown flag, a missing or unusable argument. The CLI exits with `EXIT_USAGE`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One flag a command accepts. */
export interface FlagSpec {
  /** The long name, without dashes (`from-literal`). */
  readonly name: string;
  /** A one-letter alias, without the dash (`n` for `-n`). */
  readonly alias?: string;
  /** `boolean`: takes no value; `string`: one value, given at most once; `list`: one value each time, repeatable. */
  readonly kind: 'boolean' | 'string' | 'list';
}

/** The arguments of a command, sorted out. */
export interface ParsedFlags {
  /** The arguments that are not flags, in order. */
  readonly positionals: readonly string[];
  /** The values of each flag given, by long name, in order (`[]` for a boolean flag that was given). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  /** `--help` or `-h` was given. */
  readonly help: boolean;
}

/**
 * Sorts command arguments into flags and positionals. A flag's value is the next argument (`--name x`) or follows
 * `=` (`--name=x`); `--` ends the flags. Flag values are never quoted in errors, as they may be secret.
 *
 * @throws UsageError for an unknown flag, a flag without its value, or a single-value flag given twice
 */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq < 0 ? arg : arg.slice(0, eq);
    const spec = specs.find((s) =>
      written.startsWith('--') ? s.name === written.slice(2) : s.alias !== undefined && `-${s.alias}` === written,
    );
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`);
      const guess = written.startsWith('--') ? didYouMean(written, known) : undefined;
      const hint =
        guess !== undefined
          ? `; did you mean ${guess}?`
          : known.length > 0
            ? `; the options are ${known.join(', ')}, --help`
            : '';
      throw new UsageError(`unknown option ${written}${hint}`);
    }
    const seen = values.get(spec.name) ?? [];
    values.set(spec.name, seen);
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`${written} takes no value`);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) {
      throw new UsageError(`${written} needs a value`);
    }
    if (spec.kind === 'string' && seen.length > 0) {
      throw new UsageError(`--${spec.name} is given twice; give it once`);
    }
    seen.push(value);
  }
  return { positionals, values, help };
}
