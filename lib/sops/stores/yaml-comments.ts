import { SopsComment } from '../core/tree';

/**
 * Puts each YAML comment line into the collection sops would put it in. sops takes yaml.v3's head, line and foot
 * comments (`store.go:appendYamlNodeToTreeBranch`); the `yaml` package attaches comments differently, so placement
 * is done here from positions: a comment after a value on the same line goes just before that item (`k: v # c`
 * becomes `# c` then `k`); a comment on its own line belongs to the deepest open collection it is indented into,
 * placed in document order. The collection matters: a comment's additional data is the path of its collection.
 */

/** An item (mapping entry or list item) of a block collection, by position. */
export interface EntrySite<V> {
  /** Offset of the key, or of the `-` of a list item. */
  readonly head: number;
  /** 1-based line of `head`. */
  readonly line: number;
  readonly container: ContainerSite<V>;
  /** A comment on its line is an inline (line) comment of a scalar value. */
  readonly inlineCapable: boolean;
  /** Offset of a scalar value, when it is one. */
  readonly valueStart?: number;
}

/** An item being collected into a container, with its sort position. */
export type SiteItem<V> =
  | {
      readonly kind: 'entry';
      readonly order: number;
      readonly key: string;
      readonly value: V;
      readonly site: EntrySite<V>;
    }
  | { readonly kind: 'value'; readonly order: number; readonly value: V; readonly site: EntrySite<V> }
  | { readonly kind: 'comment'; readonly order: number; readonly comment: SopsComment };

/** A mapping or list being built. */
export interface ContainerSite<V> {
  readonly kind: 'map' | 'list';
  readonly flow: boolean;
  readonly parent?: ContainerSite<V>;
  /** The entry whose value this collection is. */
  readonly parentEntry?: EntrySite<V>;
  readonly depth: number;
  /** Column of the first item. */
  indent: number;
  readonly items: SiteItem<V>[];
  lastEntry?: EntrySite<V>;
}

/** A comment line found in the source. */
export interface CommentSite {
  readonly offset: number;
  readonly line: number;
  /** 0-based column of the `#`. */
  readonly column: number;
  /** Something other than whitespace precedes it on its line. */
  readonly inline: boolean;
  /** The text after `#`. */
  readonly text: string;
}

function chain<V>(site: ContainerSite<V> | undefined): ContainerSite<V>[] {
  const out: ContainerSite<V>[] = [];
  for (let s = site; s; s = s.parent) {
    out.push(s);
  }
  return out;
}

function lastBefore<V>(entries: readonly EntrySite<V>[], offset: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].head < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo - 1;
}

/** Adds every comment to the container it belongs to (as a `comment` item ordered by position). */
export function placeComments<V>(
  root: ContainerSite<V>,
  unsorted: readonly EntrySite<V>[],
  comments: readonly CommentSite[],
): void {
  const entries = [...unsorted].sort((a, b) => a.head - b.head);
  for (const c of comments) {
    const prevIndex = lastBefore(entries, c.offset);
    const prev = entries[prevIndex] as EntrySite<V> | undefined;
    const next = entries[prevIndex + 1] as EntrySite<V> | undefined;
    if (c.inline) {
      let target: EntrySite<V> | undefined;
      for (let i = prevIndex; i >= 0 && entries[i].line === c.line; i--) {
        if (!target || entries[i].container.depth > target.container.depth) {
          target = entries[i];
        }
      }
      target ??= prev;
      if (target) {
        target.container.items.push({
          kind: 'comment',
          order: target.head - 0.5,
          comment: { type: 'comment', value: c.text, inline: target.inlineCapable },
        });
      } else {
        root.items.push({
          kind: 'comment',
          order: c.offset,
          comment: { type: 'comment', value: c.text, inline: false },
        });
      }
      continue;
    }
    const comment: SopsComment = { type: 'comment', value: c.text, inline: false };
    if (prev?.valueStart !== undefined && prev.valueStart > c.offset) {
      // Between a key and its scalar value on a later line: yaml.v3 makes it a head comment of the value.
      prev.container.items.push({ kind: 'comment', order: prev.head - 0.75, comment });
      continue;
    }
    const candidates = [...new Set([...chain(prev?.container), ...chain(next?.container)])].sort(
      (a, b) => b.depth - a.depth,
    );
    let target = root;
    for (const site of candidates) {
      if (site === root || site.depth === 0) {
        break;
      }
      if (site.flow || !site.parentEntry || site.parentEntry.head >= c.offset || c.column < site.indent) {
        continue;
      }
      const nextInside = next !== undefined && chain(next.container).includes(site);
      // A trailing comment stays in a collection only when it is indented past the collection's parent, which
      // matters for lists written at the same indentation as their key.
      if (!nextInside && c.column <= (site.parent?.indent ?? -1)) {
        continue;
      }
      target = site;
      break;
    }
    target.items.push({ kind: 'comment', order: c.offset, comment });
  }
}
