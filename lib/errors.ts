import * as path from 'path';

/**
 * One problem found in user input: where it is, which field, the offending value and how to fix it.
 *
 * Never put a secret value in `value`: callers pass a description such as `"<secret value>"` instead.
 */
export interface Issue {
  /** The cdk8s construct path of the object at fault, when the object comes from code. */
  readonly constructPath?: string;
  /** The output or input file (relative to the tree root) that holds the object at fault. */
  readonly file?: string;
  /**
   * Where the user's program made the construct at fault, `file:line:column` relative to the working folder, when it
   * can be known (see {@link CreationSite}). Shown when the error is printed, not in `message`.
   */
  readonly source?: string;
  /** The field at fault, as a dotted path (`spec.interval`, `metadata.name`). */
  readonly field: string;
  /** The offending value, rendered for a reader. Omitted where there is none (a missing field). */
  readonly value?: string;
  /** What is wrong, lowercase, without the location (it is added when printed). */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Renders one issue as a single line: `path (file): field "value" message; fix`. */
export function formatIssue(issue: Issue): string {
  const where = [issue.constructPath, issue.file ? `(${issue.file})` : undefined].filter(Boolean).join(' ');
  const value = issue.value !== undefined ? ` ${quote(issue.value)}` : '';
  return `${where ? `${where}: ` : ''}${issue.field}${value} ${issue.message}; ${issue.fix}`;
}

/** Quotes a value for an error message, shortening very long ones. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return JSON.stringify(short);
}

/** Renders issues as one text: the single line, or a count and one `  - ` line per issue. */
function formatIssues(issues: readonly Issue[], format: (issue: Issue) => string): string {
  const lines = issues.map(format);
  return issues.length === 1
    ? lines[0]
    : `${issues.length} problems found:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
}

/** One issue prefixed with where the user's program made the construct at fault, when known. */
function formatIssueWithSource(issue: Issue): string {
  return issue.source === undefined ? formatIssue(issue) : `${issue.source}: ${formatIssue(issue)}`;
}

/**
 * The error every cdk8s-flux check throws: one or more issues, all reported together.
 *
 * `message` lists the issues; `stack`, which Node prints for an uncaught error, lists them with the place in the
 * user's program where each construct at fault was made. `issues` is not enumerable, so Node prints the list once
 * and no object dump after it.
 *
 * @example
 *   try { app.synth(); } catch (e) { if (e instanceof FluxValidationError) console.error(e.issues); }
 */
export class FluxValidationError extends Error {
  declare public readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(formatIssues(issues, formatIssue));
    Object.defineProperty(this, 'issues', { value: issues, enumerable: false });
    // The problem is in the user's input, not in this library: a stack trace would only hide the message.
    this.stack = `${this.name}: ${formatIssues(issues, formatIssueWithSource)}`;
  }
}
FluxValidationError.prototype.name = 'FluxValidationError';

/** The folder of this library's code: its frames are never the user's. */
const LIBRARY_DIR = __dirname;
/** How many frames a creation site keeps: enough to get out of the library's own nested constructs. */
const CREATION_FRAMES = 6;

/**
 * Where the user's program made a construct: captured cheaply when the construct is made (V8 keeps the frames and
 * formats them only if they are read, which happens only when an issue is reported), read as the first frame that is
 * neither this library, nor `node_modules`, nor Node's own.
 */
export class CreationSite {
  private readonly trace: { stack?: string } = {};

  constructor() {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = CREATION_FRAMES;
    Error.captureStackTrace(this.trace, CreationSite);
    Error.stackTraceLimit = limit;
  }

  /** `file:line:column` relative to the working folder, or `undefined` when no frame is the user's. */
  public get location(): string | undefined {
    for (const line of (this.trace.stack ?? '').split('\n').slice(1)) {
      const match = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/.exec(line.trim());
      if (match === null) continue;
      const file = match[1].replace(/^file:\/\//, '');
      if (!path.isAbsolute(file) || isLibraryFile(file)) continue;
      return `${path.relative(process.cwd(), file)}:${match[2]}:${match[3]}`;
    }
    return undefined;
  }
}

function isLibraryFile(file: string): boolean {
  return file.startsWith(LIBRARY_DIR + path.sep) || file.split(path.sep).includes('node_modules');
}

/** Throws a {@link FluxValidationError} for one issue. */
export function fail(issue: Issue): never {
  throw new FluxValidationError([issue]);
}

/**
 * `later` without the issues about a construct that `first` has an issue about already. A construct whose props were
 * refused when it was made is not judged again as written: the checks of the written object would repeat the same
 * problems in the schema's words (a length, an allowed value, a CEL rule, a reference the refused prop makes), and
 * fixing the first ones changes what is written anyway.
 */
export function withoutRepeats(first: readonly Issue[], later: readonly Issue[]): Issue[] {
  const judged = new Set(first.map((f) => f.constructPath).filter((p) => p !== undefined));
  return later.filter((l) => l.constructPath === undefined || !judged.has(l.constructPath));
}
