/** An object made outside the tree, declared by the user: `Kind/namespace/name`, or `Kind/name`. */
export interface ExternalDeclaration {
  readonly kind: string;
  /** Undefined for `Kind/name`: a cluster-scoped object, or one in any namespace. */
  readonly namespace?: string;
  readonly name: string;
}

/** Parses `Kind/namespace/name` or `Kind/name`; undefined when it is neither. */
export function parseExternalDeclaration(text: string): ExternalDeclaration | undefined {
  const parts = text.split('/');
  if (parts.some((p) => p.trim() === '' || p !== p.trim()) || parts.length < 2 || parts.length > 3) return undefined;
  return parts.length === 3
    ? { kind: parts[0], namespace: parts[1], name: parts[2] }
    : { kind: parts[0], name: parts[1] };
}
