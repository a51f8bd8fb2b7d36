import { Document } from 'yaml';

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
 * Renders documents as YAML the same way every time: two-space indent, indented sequences, no line folding,
 * `---` between documents, a final newline.
 */
export function toYaml(docs: readonly unknown[]): string {
  return docs
    .map((doc) => new Document(doc, { version: '1.2' }).toString({ indentSeq: true, lineWidth: 0, minContentWidth: 0 }))
    .join('---\n');
}
