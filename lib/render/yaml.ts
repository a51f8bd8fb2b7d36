import { Document, Scalar, isScalar, visit } from 'yaml';
import { FieldComment } from './folder-contents';
import { looksTyped, plainYaml } from './plain-yaml';

const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata'];
const METADATA_ORDER = ['name', 'namespace', 'labels', 'annotations'];

function ordered(value: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of first) if (key in value) out[key] = value[key];
  for (const [key, v] of Object.entries(value)) if (!(key in out)) out[key] = v;
  return out;
}

/** Puts `apiVersion, kind, metadata` first and `name, namespace, labels, annotations` first in metadata. */
export function canonicalObject(manifest: Record<string, unknown>): Record<string, unknown> {
  const top = ordered(manifest, TOP_LEVEL_ORDER);
  const metadata = top.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    top.metadata = ordered(metadata as Record<string, unknown>, METADATA_ORDER);
  }
  return top;
}

/**
 * Renders one document as YAML the same way every time: two-space indent, indented sequences, no line folding, a
 * final newline, and every string a YAML 1.1 or 1.2 reader would take for another type quoted. Plain data is written
 * directly ({@link plainYaml}); the rest through a `yaml` document ({@link libraryYaml}), with the same bytes either way.
 */
export function documentYaml(doc: unknown, comments: readonly FieldComment[] = []): string {
  return (comments.length === 0 ? plainYaml(doc) : undefined) ?? libraryYaml(doc, comments);
}

/** {@link documentYaml} through a `yaml` document, for any data and with comments on scalar fields. */
export function libraryYaml(doc: unknown, comments: readonly FieldComment[] = []): string {
  const document = new Document(doc, { version: '1.2' });
  for (const { path, comment } of comments) {
    const node = document.getIn(path, true);
    if (!isScalar(node)) throw new Error(`no scalar field at ${path.join('.')} to comment`);
    node.comment = comment;
  }
  // the library quotes only what YAML 1.2 would read as another type; YAML 1.1 readers need more quoted
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && looksTyped(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ indentSeq: true, lineWidth: 0, minContentWidth: 0 });
}

/** The {@link documentYaml} of each document, `---` between them. */
export function joinDocuments(texts: readonly string[]): string {
  return texts.join('---\n');
}

/** Renders documents as YAML ({@link documentYaml}), `---` between them. */
export function toYaml(docs: readonly unknown[]): string {
  return joinDocuments(docs.map((doc) => documentYaml(doc)));
}
