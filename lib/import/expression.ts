/** A module the generated program imports from. */
export enum ProgramModule {
  CDK8S_FLUX = 'cdk8s-flux',
  CDK8S = 'cdk8s',
  CDK8S_PLUS = 'cdk8s-plus-30',
}

/**
 * A piece of the generated program, kept as data so that one tree is both printed as TypeScript and evaluated
 * against the library itself (the import checks what the program synthesizes before writing it).
 */
export type Expression =
  | { readonly form: 'value'; readonly value: unknown }
  /** A file of the generated project, by its path in the project (a string in the program). */
  | { readonly form: 'file'; readonly path: string }
  | { readonly form: 'object'; readonly fields: readonly (readonly [string, Expression])[] }
  | { readonly form: 'array'; readonly items: readonly Expression[] }
  | { readonly form: 'symbol'; readonly module: ProgramModule; readonly path: readonly string[] }
  | { readonly form: 'variable'; readonly name: string }
  | { readonly form: 'member'; readonly target: Expression; readonly name: string }
  | { readonly form: 'call'; readonly callee: Expression; readonly args: readonly Expression[] }
  | { readonly form: 'new'; readonly callee: Expression; readonly args: readonly Expression[] };

/** A JSON value, written as a literal. */
export const value = (v: unknown): Expression => ({ form: 'value', value: v });

/** The path of a file of the generated project, relative to the project's folder. */
export const projectFile = (p: string): Expression => ({ form: 'file', path: p });

/** An object literal whose fields are expressions; fields whose expression is `undefined` are left out. */
export function object(fields: Readonly<Record<string, Expression | undefined>>): Expression {
  return {
    form: 'object',
    fields: Object.entries(fields).filter((f): f is [string, Expression] => f[1] !== undefined),
  };
}

/** The trailing options argument of a call: the object when a field of it is set, else no argument. */
export function optionsArgument(fields: Readonly<Record<string, Expression | undefined>>): Expression[] {
  const options = object(fields);
  return options.form === 'object' && options.fields.length > 0 ? [options] : [];
}

/** An array literal. */
export const array = (items: readonly Expression[]): Expression => ({ form: 'array', items });

/** An export of cdk8s-flux, or a member of one (`OciRef.semver`, `ReleaseStrategy.RETRY_ON_FAILURE`). */
export const flux = (...path: string[]): Expression => ({ form: 'symbol', module: ProgramModule.CDK8S_FLUX, path });

/** A name exported by `module`, or a member of one. */
export const symbol = (module: ProgramModule, ...path: string[]): Expression => ({ form: 'symbol', module, path });

/** A variable of the program. */
export const variable = (name: string): Expression => ({ form: 'variable', name });

/** `target.name`. */
export const member = (target: Expression, name: string): Expression => ({ form: 'member', target, name });

/** `callee(...args)`. */
export const call = (callee: Expression, ...args: Expression[]): Expression => ({ form: 'call', callee, args });

/** `new callee(...args)`. */
export const construct = (callee: Expression, ...args: Expression[]): Expression => ({ form: 'new', callee, args });

/** One statement: `const variable = expression;` (or just `expression;`), with a comment above it when given. */
export interface Statement {
  /** The variable it declares. @default none: the expression is a statement of its own */
  readonly variable?: string;
  /** What the statement does. */
  readonly expression: Expression;
  /** Lines of comment written above it. @default none */
  readonly comment?: readonly string[];
}
