import { Expression, ProgramModule, Statement } from './expression';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const fields = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${key(k)}: ${literal(x)}`);
    return `{ ${fields.join(', ')} }`;
  }
  if (typeof v === 'string') return multiline(v);
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/** A string: a template literal when it spans lines (a patch, a script), so that the program reads like the YAML. */
function multiline(s: string): string {
  if (!s.includes('\n')) return JSON.stringify(s);
  return `\`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

/** TypeScript source of `e`, unformatted (prettier formats the whole program). */
export function printExpression(e: Expression): string {
  switch (e.form) {
    case 'value':
      return literal(e.value);
    case 'file':
      return literal(e.path);
    case 'object':
      return `{ ${e.fields.map(([k, x]) => `${key(k)}: ${printExpression(x)}`).join(', ')} }`;
    case 'array':
      return `[${e.items.map(printExpression).join(', ')}]`;
    case 'symbol':
      return e.path.join('.');
    case 'variable':
      return e.name;
    case 'member':
      return `${printExpression(e.target)}.${e.name}`;
    case 'call':
      return `${printExpression(e.callee)}(${e.args.map(printExpression).join(', ')})`;
    case 'new':
      return `new ${printExpression(e.callee)}(${e.args.map(printExpression).join(', ')})`;
  }
}

/** A statement as TypeScript source. */
export function printStatement(s: Statement): string {
  const comment = (s.comment ?? []).map((line) => `// ${line}\n`).join('');
  const text = printExpression(s.expression);
  return `${comment}${s.variable === undefined ? text : `const ${s.variable} = ${text}`};`;
}

/** The names each module must export for `expressions`, sorted. */
export function importsOf(expressions: readonly Expression[]): Map<ProgramModule, string[]> {
  const names = new Map<ProgramModule, Set<string>>();
  const visit = (e: Expression): void => {
    switch (e.form) {
      case 'symbol':
        names.set(e.module, (names.get(e.module) ?? new Set()).add(e.path[0]));
        return;
      case 'object':
        e.fields.forEach(([, x]) => visit(x));
        return;
      case 'array':
        e.items.forEach(visit);
        return;
      case 'member':
        visit(e.target);
        return;
      case 'call':
      case 'new':
        visit(e.callee);
        e.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  expressions.forEach(visit);
  return new Map([...names].sort(([a], [b]) => a.localeCompare(b)).map(([m, n]) => [m, [...n].sort()]));
}
