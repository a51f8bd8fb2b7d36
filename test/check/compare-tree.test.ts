import * as fs from 'fs';
import * as path from 'path';
import { writeTree } from '../../lib/render/write-tree';
import { compareTree } from '../../lib/check/compare-tree';
import { lineDiff } from '../../lib/check/line-diff';
import { tempDir } from '../support/temp';

describe('lineDiff', () => {
  test('shows removed and added lines with context, and elides the rest', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n');
    const after = ['a', 'b', 'c', 'D', 'e', 'f', 'g', 'h'].join('\n');
    expect(lineDiff(before, after, { context: 1 })).toEqual(['  c', '- d', '+ D', '  e']);
  });

  test('separates distant changes and caps the length', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 2\n', 'line two\n').replace('line 25\n', 'line twenty-five\n');
    const diff = lineDiff(before, after, { context: 0 });
    expect(diff).toEqual(['- line 2', '+ line two', '  ...', '- line 25', '+ line twenty-five']);
    expect(lineDiff(before, after, { context: 0, maxLines: 2 })).toEqual([
      '- line 2',
      '+ line two',
      '  ... (3 more lines)',
    ]);
  });

  test('identical texts give no diff', () => {
    expect(lineDiff('x\ny\n', 'x\ny\n')).toEqual([]);
  });
});

describe('compareTree', () => {
  test('an up-to-date tree has no differences', () => {
    const outdir = tempDir();
    const files = new Map([['a/x.yaml', 'x: 1\n']]);
    writeTree(outdir, files);
    expect(compareTree(files, outdir)).toEqual([]);
  });

  test('reports missing, changed and stale files, sorted, and ignores files synth never wrote', () => {
    const outdir = tempDir();
    writeTree(
      outdir,
      new Map([
        ['a/old.yaml', 'old: 1\n'],
        ['a/x.yaml', 'x: 1\n'],
      ]),
    );
    fs.writeFileSync(path.join(outdir, 'a/mine.txt'), 'hand-written\n');
    const planned = new Map([
      ['a/new.yaml', 'new: 1\n'],
      ['a/x.yaml', 'x: 2\n'],
    ]);
    expect(compareTree(planned, outdir)).toEqual([
      { file: 'a/new.yaml', change: 'missing', diff: [] },
      { file: 'a/old.yaml', change: 'stale', diff: [] },
      { file: 'a/x.yaml', change: 'changed', diff: ['- x: 1', '+ x: 2', '  '] },
    ]);
  });
});
