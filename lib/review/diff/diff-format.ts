import { RepositoryDiff, countChanges } from './diff-model';
import { toMarkdown } from './markdown-report';
import { toText } from './text-report';

/** The output formats of a diff. */
export enum DiffFormat {
  /** Text for a terminal (coloured when it is one). */
  TEXT = 'text',
  /** Markdown for a pull-request comment. */
  MARKDOWN = 'markdown',
  /** JSON for programs: the whole diff, every value whole, and its counts. */
  JSON = 'json',
}

/**
 * A diff written in `format`.
 *
 * @param colour colour the text format (standard output is a terminal); the other formats ignore it
 */
export function renderDiff(diff: RepositoryDiff, format: DiffFormat, colour: boolean): string {
  switch (format) {
    case DiffFormat.TEXT:
      return toText(diff, colour);
    case DiffFormat.MARKDOWN:
      return toMarkdown(diff);
    case DiffFormat.JSON:
      return `${JSON.stringify({ counts: countChanges(diff), ...diff }, undefined, 2)}\n`;
  }
}
