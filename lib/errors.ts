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

/**
 * The error every cdk8s-flux check throws: one or more issues, all reported together.
 *
 * @example
 *   try { app.synth(); } catch (e) { if (e instanceof FluxValidationError) console.error(e.issues); }
 */
export class FluxValidationError extends Error {
  public readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    const lines = issues.map(formatIssue);
    super(
      issues.length === 1 ? lines[0] : `${issues.length} problems found:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'FluxValidationError';
    this.issues = issues;
    // The problem is in the user's input, not in this library: a stack trace would only hide the message.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Throws a {@link FluxValidationError} for one issue. */
export function fail(issue: Issue): never {
  throw new FluxValidationError([issue]);
}
