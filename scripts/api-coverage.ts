/**
 * Prints, for every kind of the Flux CRDs and the Flux Operator's FluxInstance, ResourceSet and
 * ResourceSetInputProvider, whether a typed construct writes it and which spec fields of the served
 * version its props do not expose, computed from the CRD schemas and the props types (read with the TypeScript
 * compiler), never from a hand list.
 *
 * Run with `npm run api-coverage` (`--require-complete` also fails when a kind is below 100%). Exits 1 when a kind
 * has no construct.
 *
 * A construct is a class of `lib/flux/` with `static readonly KIND = fluxKind('<Kind>', ...)`; its props are the type
 * of its constructor's `props` parameter. A spec field counts once per leaf (a field whose schema has no nested
 * properties). A prop exposes a field when:
 * - it has the field's name, or names the same reference: `source` for `sourceRef`, `secret` for `secretRef`, or
 *   joins the name of the object it is in to the field's (`storageClass` for `storage.class`);
 * - or its type is a class that declares the fields it writes (`@specFields kind url ref`), as a source that is
 *   one of several kinds does;
 * - or the field is an object no prop names, and the prop, on the props' own level, has the name of one of its fields
 *   (`substitute` for `postBuild.substitute`) or the two names joined (`authorEmail` for `author.email`); not into
 *   lists.
 * A prop whose type is an interface of this library (not a reference, a class, an enum, a union or a map) exposes only
 * the fields its own props expose, level by level; any other typed prop (a class with factories such as `GitRef`, an
 * enum, a reference, a binding type) exposes the whole field. The metadata props (`name`, `namespace`, `labels`,
 * `annotations`) expose no spec field.
 */
import * as path from 'path';
import * as ts from 'typescript';
import { FLUX_OPERATOR_CRD_FILES, fluxOperatorCrdsDir } from './flux-crds';
import { ServedKind, readServedKinds } from './generate-schemas';

const ROOT = path.join(__dirname, '..');
const FLUX_DIR = path.join(ROOT, 'lib', 'flux');
const IMPORTS_DIR = path.join(ROOT, 'imports');
/** The props every Flux construct takes for `metadata`. */
const METADATA_PROPS = new Set(['name', 'namespace', 'labels', 'annotations']);

/** A typed construct of a Flux kind, as the compiler sees it. */
export interface FluxConstruct {
  /** The kind it writes. */
  readonly kind: string;
  /** The class name. */
  readonly className: string;
  /** Its file, relative to the project root. */
  readonly file: string;
  /** The type of its constructor's props. */
  readonly props: ts.Type;
}

/** The coverage of one kind. */
export interface KindCoverage {
  readonly kind: string;
  readonly apiVersion: string;
  /** The construct, when there is one. */
  readonly construct?: { readonly className: string; readonly file: string };
  /** Every leaf spec field of the served version, as `a.b.c` (array items as `a[].b`). */
  readonly fields: readonly string[];
  /** The fields no prop exposes. */
  readonly missing: readonly string[];
}

/** The compiler's view of the library, and the Flux constructs found in it. */
export interface ConstructIndex {
  readonly checker: ts.TypeChecker;
  readonly constructs: ReadonlyMap<string, FluxConstruct>;
}

/** Finds every Flux construct of `lib/flux/` by its `KIND`. */
export function findFluxConstructs(): ConstructIndex {
  const configFile = path.join(ROOT, 'tsconfig.json');
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configFile, (file) => ts.sys.readFile(file)).config as unknown,
    ts.sys,
    ROOT,
  );
  const program = ts.createProgram([path.join(ROOT, 'lib', 'index.ts')], config.options);
  const checker = program.getTypeChecker();
  const constructs = new Map<string, FluxConstruct>();
  for (const source of program.getSourceFiles()) {
    if (path.dirname(path.resolve(source.fileName)) !== FLUX_DIR) continue;
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || statement.name === undefined) continue;
      const kind = kindOf(statement);
      const ctor = statement.members.find(ts.isConstructorDeclaration);
      const param = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === 'props');
      if (kind === undefined || param === undefined) continue;
      constructs.set(kind, {
        kind,
        className: statement.name.text,
        file: path.relative(ROOT, source.fileName).split(path.sep).join('/'),
        props: checker.getNonNullableType(checker.getTypeAtLocation(param)),
      });
    }
  }
  return { checker, constructs };
}

/** The kind of `static readonly KIND = fluxKind('<Kind>', ...)`, if the class has one. */
function kindOf(node: ts.ClassDeclaration): string | undefined {
  for (const member of node.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || member.name.text !== 'KIND') continue;
    const init = member.initializer;
    if (init === undefined || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) continue;
    const first = init.arguments[0];
    if (init.expression.text === 'fluxKind' && first !== undefined && ts.isStringLiteral(first)) return first.text;
  }
  return undefined;
}

type Schema = {
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
};

/** The schema whose properties are the field's own: the items' for a list. */
function objectSchema(schema: Schema): Schema | undefined {
  const node = schema.items ?? schema;
  return node.properties !== undefined && Object.keys(node.properties).length > 0 ? node : undefined;
}

/** Every leaf field under `schema`, prefixed with `at`. */
function leaves(schema: Schema, at: string): string[] {
  const node = objectSchema(schema);
  if (node === undefined) return [at];
  const prefix = schema.items === undefined ? at : `${at}[]`;
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => leaves(child, `${prefix}.${name}`));
}

/**
 * The prop names that may expose `field` of the object `parent`: itself, for a `xRef` `x`, and the two names joined
 * (`storageClass` for `storage.class`).
 */
function namesFor(field: string, parent: string): string[] {
  const ref = /^(.+)Ref$/.exec(field)?.[1];
  const joined = parent === '' ? [] : [`${parent}${field.charAt(0).toUpperCase()}${field.slice(1)}`];
  return [field, ...(ref === undefined ? [] : [ref]), ...joined];
}

/** The fields a class declares it writes beside its own prop's (`@specFields kind url ref` on the class). */
function declaredSpecFields(type: ts.Type): string[] {
  const declaration = type.getSymbol()?.declarations?.[0];
  if (declaration === undefined || !ts.isClassDeclaration(declaration)) return [];
  return ts
    .getJSDocTags(declaration)
    .filter((t) => t.tagName.text === 'specFields')
    .flatMap((t) => (typeof t.comment === 'string' ? t.comment.split(/\s+/).filter((f) => f !== '') : []));
}

/** Walks the fields of one kind against its props. */
class Walk {
  public readonly missing: string[] = [];

  constructor(private readonly checker: ts.TypeChecker) {}

  /** Checks the fields of `schema` (an object) at `at` against the props of `type`. */
  public level(schema: Schema, type: ts.Type, at: string, topLevel: boolean): void {
    const props = this.checker.getPropertiesOfType(type).filter((p) => !(topLevel && METADATA_PROPS.has(p.name)));
    this.fields(schema, new Map(props.map((p) => [p.name, p])), at);
  }

  /** Checks the fields of `schema` at `at` against `props`, those of one level. */
  private fields(schema: Schema, props: Map<string, ts.Symbol>, at: string): void {
    const unmatched: [string, Schema][] = [];
    const used = new Set<string>();
    const parent = at.slice(at.lastIndexOf('.') + 1).replace(/\[\]$/, '');
    const declared = new Map<string, ts.Symbol>();
    for (const p of props.values()) {
      const type = this.checker.getNonNullableType(this.checker.getTypeOfSymbol(p));
      for (const f of declaredSpecFields(type)) declared.set(f, p);
    }
    for (const [field, child] of Object.entries(schema.properties ?? {})) {
      const path = at === '' ? field : `${at}.${field}`;
      const prop =
        namesFor(field, parent)
          .map((n) => props.get(n))
          .find((p) => p !== undefined) ?? declared.get(field);
      if (prop === undefined) {
        unmatched.push([path, child]);
        continue;
      }
      used.add(prop.name);
      this.field(child, this.checker.getNonNullableType(this.checker.getTypeOfSymbol(prop)), path);
    }
    const rest = new Map([...props].filter(([name]) => !used.has(name)));
    for (const [path, child] of unmatched) {
      const node = objectSchema(child);
      const field = path.slice(path.lastIndexOf('.') + 1);
      const names = node === undefined || child.items !== undefined ? [] : Object.keys(node.properties ?? {});
      // `substitute` for `postBuild.substitute`, `authorEmail` for `author.email`
      const flattened = new Map<string, ts.Symbol>();
      for (const n of names) {
        const name = [n, `${field}${n.charAt(0).toUpperCase()}${n.slice(1)}`].find((c) => rest.has(c));
        if (name === undefined) continue;
        flattened.set(n, rest.get(name) as ts.Symbol);
        rest.delete(name);
      }
      if (node === undefined || flattened.size === 0) this.missing.push(...leaves(child, path));
      else this.fields(node, flattened, path);
    }
  }

  /** Checks one field exposed by a prop of `type`. */
  private field(schema: Schema, type: ts.Type, at: string): void {
    const node = objectSchema(schema);
    const element = this.elementType(type);
    if (node === undefined || !this.isOptionsInterface(element)) return;
    this.level(node, element, schema.items === undefined ? at : `${at}[]`, false);
  }

  private elementType(type: ts.Type): ts.Type {
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return item === undefined ? type : this.checker.getNonNullableType(item);
    }
    return type;
  }

  /**
   * An interface or object type of this library whose props are walked level by level (not a reference, class, union
   * or map).
   */
  private isOptionsInterface(type: ts.Type): boolean {
    if (type.isUnion() || type.isIntersection() || !(type.flags & ts.TypeFlags.Object)) return false;
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    if (declaration === undefined || !(ts.isInterfaceDeclaration(declaration) || ts.isTypeLiteralNode(declaration)))
      return false;
    const file = path.resolve(declaration.getSourceFile().fileName);
    if (file.startsWith(IMPORTS_DIR) || !file.startsWith(path.join(ROOT, 'lib'))) return false;
    if (this.checker.getIndexInfosOfType(type).length > 0) return false;
    return this.checker.getPropertyOfType(type, 'ref') === undefined;
  }
}

/** The coverage of every served kind by the constructs. */
export function apiCoverage(kinds: readonly ServedKind[], index: ConstructIndex): KindCoverage[] {
  return kinds.map((k) => {
    const spec = (k.schema.properties as Record<string, Schema> | undefined)?.spec ?? {};
    const fields = objectSchema(spec) === undefined ? [] : leaves(spec, 'spec').map((f) => f.slice('spec.'.length));
    const apiVersion = `${k.group}/${k.version}`;
    const construct = index.constructs.get(k.kind);
    if (construct === undefined) return { kind: k.kind, apiVersion, fields, missing: fields };
    const walk = new Walk(index.checker);
    walk.level(spec, construct.props, '', true);
    return {
      kind: k.kind,
      apiVersion,
      construct: { className: construct.className, file: construct.file },
      fields,
      missing: walk.missing,
    };
  });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '100%' : `${Math.floor((100 * part) / whole)}%`;
}

/** The report: one line per kind, then the fields each kind's props do not expose. */
export function formatCoverage(coverage: readonly KindCoverage[]): string[] {
  const rows = coverage.map((c) => {
    const typed = c.fields.length - c.missing.length;
    return [
      c.kind,
      c.apiVersion,
      c.construct === undefined ? 'NO CONSTRUCT' : `${c.construct.className} (${c.construct.file})`,
      `${typed}/${c.fields.length}`,
      percent(typed, c.fields.length),
    ];
  });
  const header = ['kind', 'apiVersion', 'construct', 'typed', 'share'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const total = coverage.reduce((n, c) => n + c.fields.length, 0);
  const typed = total - coverage.reduce((n, c) => n + c.missing.length, 0);
  const out = [
    line(header),
    ...rows.map(line),
    '',
    `total: ${typed} of ${total} spec fields typed (${percent(typed, total)})`,
  ];
  for (const c of coverage) {
    if (c.missing.length === 0) continue;
    out.push('', `${c.kind}: ${c.missing.length} not exposed`, ...c.missing.map((f) => `  spec.${f}`));
  }
  return out;
}

/** The exit code: 1 when a kind has no construct, or (with `requireComplete`) when a kind is below 100%. */
export function coverageExitCode(coverage: readonly KindCoverage[], requireComplete: boolean): number {
  const failing = coverage.filter((c) => c.construct === undefined || (requireComplete && c.missing.length > 0));
  return failing.length === 0 ? 0 : 1;
}

/** The served kinds measured: those of the Flux CRDs, then those of the Flux Operator that have constructs. */
export function measuredKinds(): ServedKind[] {
  return [...readServedKinds(), ...readServedKinds(fluxOperatorCrdsDir(), FLUX_OPERATOR_CRD_FILES)];
}

if (require.main === module) {
  const coverage = apiCoverage(measuredKinds(), findFluxConstructs());
  process.stdout.write(`${formatCoverage(coverage).join('\n')}\n`);
  process.exitCode = coverageExitCode(coverage, process.argv.includes('--require-complete'));
}
