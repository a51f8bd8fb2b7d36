import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as plus from 'cdk8s-plus-30';
import * as library from '../index';
import { Expression, ProgramModule } from './expression';

type AnyFunction = (...args: unknown[]) => unknown;
type AnyClass = new (...args: unknown[]) => unknown;

const MODULES: Readonly<Record<ProgramModule, Readonly<Record<string, unknown>>>> = {
  [ProgramModule.CDK8S_FLUX]: library,
  [ProgramModule.CDK8S]: cdk8s,
  [ProgramModule.CDK8S_PLUS]: plus,
};

function memberOf(target: unknown, name: string, what: string): unknown {
  const found = (target as Record<string, unknown> | undefined)?.[name];
  if (found === undefined) throw new Error(`the generated program names ${what}, which does not exist`);
  return found;
}

/**
 * Runs `e` against the libraries the generated program imports, with `variables` holding what earlier statements
 * declared: the program's own check, made without compiling it.
 *
 * @param project the folder the project's files are in (the program runs there)
 */
export function evaluateExpression(e: Expression, variables: ReadonlyMap<string, unknown>, project: string): unknown {
  const run = (x: Expression) => evaluateExpression(x, variables, project);
  switch (e.form) {
    case 'file':
      return path.join(project, ...e.path.split('/'));
    case 'value':
      // a copy made in this realm (structuredClone's would fail `instanceof Array` inside a jest sandbox)
      return e.value === undefined ? undefined : (JSON.parse(JSON.stringify(e.value)) as unknown);
    case 'object':
      return Object.fromEntries(e.fields.map(([k, x]) => [k, run(x)]));
    case 'array':
      return e.items.map(run);
    case 'symbol':
      return e.path.reduce<unknown>(
        (t, name) => memberOf(t, name, `${e.module} ${e.path.join('.')}`),
        MODULES[e.module],
      );
    case 'variable':
      if (!variables.has(e.name)) throw new Error(`the generated program uses ${e.name} before declaring it`);
      return variables.get(e.name);
    case 'member':
      return memberOf(run(e.target), e.name, e.name);
    case 'call': {
      const args = e.args.map(run);
      if (e.callee.form === 'member') {
        const target = run(e.callee.target);
        return (memberOf(target, e.callee.name, e.callee.name) as AnyFunction).apply(target, args);
      }
      return (run(e.callee) as AnyFunction)(...args);
    }
    case 'new':
      return Reflect.construct(run(e.callee) as AnyClass, e.args.map(run));
  }
}
