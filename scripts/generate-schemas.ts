/**
 * Generates lib/validate/crd-schemas/ from the Flux CRDs: one JSON schema per served group/version/kind (the CRD's
 * openAPIV3Schema without descriptions or status, keys sorted), an index.ts that maps each kind to its schema, and
 * cel-rules.md, the list of every `x-kubernetes-validations` rule and how it is enforced.
 *
 * Run with `npx tsx scripts/generate-schemas.ts`. The output is committed; test/validate/schema-generate.test.ts fails
 * when it differs from a fresh generation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { celRuleEnforcement, compileCelRule } from '../lib/validate/schema-validator/cel';
import type { ValidationRule } from '../lib/validate/schema-validator/types';
import { FLUX_CRD_FILES, fluxCrdsDir } from './flux-crds';
import { isPlainObject } from '../lib/sops/base/plain-object';

/** Where the generated files live. */
export const SCHEMAS_DIR = path.join(__dirname, '..', 'lib', 'validate', 'crd-schemas');

/** One generated file: its name inside {@link SCHEMAS_DIR} and its full text. */
export interface GeneratedFile {
  readonly name: string;
  readonly content: string;
}

/** One served version of a Flux kind, with its schema (no descriptions, no status, keys sorted). */
export interface ServedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly scope: string;
  readonly crdFile: string;
  readonly schema: Record<string, unknown>;
}

interface ListedRule {
  readonly apiVersion: string;
  readonly kind: string;
  readonly at: string;
  readonly rule: ValidationRule;
}

/** Generates every file of {@link SCHEMAS_DIR}, in a stable order, from the CRDs in `crdsDir`. */
export function generateSchemaFiles(crdsDir: string = fluxCrdsDir()): GeneratedFile[] {
  const kinds = readServedKinds(crdsDir);
  const fluxVersion = readFluxVersion(crdsDir);
  const files: GeneratedFile[] = kinds.map((k) => ({
    name: schemaFileName(k),
    content: `${JSON.stringify(k.schema, null, 2)}\n`,
  }));
  files.push({ name: 'index.ts', content: renderIndex(kinds, fluxVersion) });
  files.push({ name: 'cel-rules.md', content: renderRuleList(kinds, fluxVersion) });
  return files.sort((a, b) => compare(a.name, b.name));
}

/** Writes `files` into `dir`, removing any other file there, so the folder is exactly the generation. */
export function writeSchemaFiles(files: readonly GeneratedFile[], dir: string = SCHEMAS_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  const wanted = new Set(files.map((f) => f.name));
  for (const existing of fs.readdirSync(dir)) {
    if (!wanted.has(existing)) fs.rmSync(path.join(dir, existing), { recursive: true });
  }
  for (const file of files) fs.writeFileSync(path.join(dir, file.name), file.content);
}

/**
 * Every served version of every kind of the CRD `files` in `crdsDir` (the Flux CRDs by default), sorted by group, kind
 * and version.
 */
export function readServedKinds(
  crdsDir: string = fluxCrdsDir(),
  files: readonly string[] = FLUX_CRD_FILES.map((f) => f.file),
): ServedKind[] {
  const kinds: ServedKind[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(crdsDir, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      const crd: unknown = doc.toJS();
      if (!isPlainObject(crd) || crd.kind !== 'CustomResourceDefinition') continue;
      const spec = crd.spec as Record<string, unknown>;
      const names = spec.names as Record<string, unknown>;
      for (const version of spec.versions as Record<string, unknown>[]) {
        if (version.served !== true) continue;
        const openApi = (version.schema as Record<string, unknown> | undefined)?.openAPIV3Schema;
        if (!isPlainObject(openApi))
          throw new Error(`${file}: ${String(names.kind)} ${String(version.name)} has no schema`);
        kinds.push({
          group: String(spec.group),
          version: String(version.name),
          kind: String(names.kind),
          plural: String(names.plural),
          scope: String(spec.scope),
          crdFile: file,
          schema: sortKeys(withoutStatus(transformSchema(openApi))) as Record<string, unknown>,
        });
      }
    }
  }
  return kinds.sort((a, b) => compare(a.group, b.group) || compare(a.kind, b.kind) || compare(a.version, b.version));
}

/** The Flux release named in the CRD folder's README heading (`# Flux CRDs, v2.9.4`), if any. */
function readFluxVersion(crdsDir: string): string | undefined {
  const readme = path.join(crdsDir, 'README.md');
  if (!fs.existsSync(readme)) return undefined;
  return /\bv\d+\.\d+\.\d+\b/.exec(fs.readFileSync(readme, 'utf8').split('\n')[0])?.[0];
}

/** Keywords whose value is a schema, a list of schemas or a map of schemas; everything else is kept as data. */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);
/** Keywords that only document: dropped to keep the artifact small. */
const DROPPED_KEYWORDS = new Set(['description', 'example', 'externalDocs']);

/** Copies a schema node without its documentation keywords (field names under `properties` are kept as they are). */
function transformSchema(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    if (key === 'properties' && isPlainObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, transformSchema(child as Record<string, unknown>)]),
      );
    } else if (SCHEMA_KEYWORDS.has(key) && isPlainObject(value)) {
      out[key] = transformSchema(value);
    } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      out[key] = value.map((child) => transformSchema(child as Record<string, unknown>));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Status is written by the controllers (the API server resets it on create): it is not validated. */
function withoutStatus(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = { ...(schema.properties as Record<string, unknown>) };
  delete properties.status;
  return { ...schema, properties };
}

/** Sorts object keys recursively (arrays keep their order) so the output does not depend on the CRD's key order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(compare)
      .map((key) => [key, sortKeys(value[key])]),
  );
}

function schemaFileName(k: ServedKind): string {
  return `${k.group}_${k.version}_${k.kind.toLowerCase()}.json`;
}

function identifierOf(k: ServedKind): string {
  return `${k.kind.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]/, (m) => m.toLowerCase())}${k.version[0].toUpperCase()}${k.version.slice(1)}`;
}

function renderIndex(kinds: readonly ServedKind[], fluxVersion: string | undefined): string {
  const ids = kinds.map(identifierOf);
  if (new Set(ids).size !== ids.length) throw new Error('two served kinds would share an identifier in index.ts');
  const lines = [
    `// Generated by scripts/generate-schemas.ts from the Flux CRDs${fluxVersion ? ` of Flux ${fluxVersion}` : ''}.`,
    '// Do not edit: run `npm run generate:schemas`. A test fails when this folder differs from a fresh generation.',
    "import { asSchema, type FluxKindSchema } from '../schema-validator/types';",
    ...kinds.map((k, i) => `import ${ids[i]} from './${schemaFileName(k)}';`),
    '',
    '/** The Flux release the schemas were generated from. */',
    `export const FLUX_VERSION: string | undefined = ${fluxVersion ? `'${fluxVersion}'` : 'undefined'};`,
    '',
    '/** Every served Flux kind, sorted by group, kind and version. */',
    'export const FLUX_KIND_SCHEMAS: readonly FluxKindSchema[] = [',
    ...kinds.map(
      (k, i) =>
        `  { group: '${k.group}', version: '${k.version}', kind: '${k.kind}', plural: '${k.plural}', ` +
        `scope: '${k.scope}', schema: asSchema(${ids[i]}) },`,
    ),
    '];',
    '',
  ];
  return lines.join('\n');
}

function listRules(kinds: readonly ServedKind[]): ListedRule[] {
  const rules: ListedRule[] = [];
  const visit = (node: unknown, at: string, k: ServedKind): void => {
    if (!isPlainObject(node)) return;
    for (const rule of (node['x-kubernetes-validations'] as ValidationRule[] | undefined) ?? []) {
      rules.push({ apiVersion: `${k.group}/${k.version}`, kind: k.kind, at: at || '(root)', rule });
    }
    for (const [name, child] of Object.entries((node.properties as Record<string, unknown> | undefined) ?? {})) {
      visit(child, at ? `${at}.${name}` : name, k);
    }
    visit(node.items, `${at}[*]`, k);
    visit(node.additionalProperties, `${at}.*`, k);
  };
  for (const k of kinds) visit(k.schema, '', k);
  return rules;
}

function renderRuleList(kinds: readonly ServedKind[], fluxVersion: string | undefined): string {
  const rules = listRules(kinds);
  const cell = (text: string): string => `\`${text.replace(/\|/g, '\\|')}\``;
  const rows = rules.map((r, i) => {
    const enforcement = celRuleEnforcement(r.rule);
    if (enforcement === 'cel') compileCelRule(r.rule.rule); // fails generation when cel-js cannot parse a rule
    const how =
      enforcement === 'cel' ? 'evaluated with cel-js' : 'skipped: transition rule (oldSelf), checked only on update';
    const message = r.rule.messageExpression ? `${r.rule.message ?? ''} (messageExpression)` : (r.rule.message ?? '');
    return `| ${i + 1} | ${r.kind} (${r.apiVersion}) | ${cell(r.at)} | ${cell(r.rule.rule)} | ${message.replace(/\|/g, '\\|')} | ${how} |`;
  });
  const skipped = rules.filter((r) => celRuleEnforcement(r.rule) !== 'cel').length;
  return [
    `# CEL validation rules of the Flux CRDs${fluxVersion ? ` (Flux ${fluxVersion})` : ''}`,
    '',
    'Generated by scripts/generate-schemas.ts; do not edit. Every `x-kubernetes-validations` rule, where it attaches',
    '(`self` is the value at that field; a rule runs only when the field is present) and how cdk8s-flux enforces it',
    '(lib/validate/schema-validator/cel.ts).',
    '',
    `${rules.length} rules: ${rules.length - skipped} evaluated, ${skipped} skipped.`,
    '',
    '| # | kind | field | rule | message | enforcement |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Code-unit order, independent of the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

if (require.main === module) {
  const files = generateSchemaFiles();
  writeSchemaFiles(files);
  console.log(`wrote ${files.length} files to ${path.relative(process.cwd(), SCHEMAS_DIR)}`);
}
