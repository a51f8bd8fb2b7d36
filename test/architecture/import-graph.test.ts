import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.join(__dirname, '..', '..', 'lib');
/**
 * The folder a file of lib/ belongs to. Files directly in lib/ are the root leaves, named "."; the package's entry
 * point `lib/index.ts` re-exports the public API from every folder and is the top, named "index".
 */
function folderOf(file: string): string {
  const rel = path.relative(LIB, file).split(path.sep);
  if (rel.length > 1) return rel[0];
  return rel[0] === 'index.ts' ? 'index' : '.';
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? sourceFiles(path.join(dir, e.name))
        : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')
          ? [path.join(dir, e.name)]
          : [],
    );
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly target: string;
}

/** Every import of a lib/ file that lands in lib/ (type-only imports included: they couple the code as much). */
function libImports(): Edge[] {
  return sourceFiles(LIB).flatMap((file) => {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    return importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.resolve(path.dirname(file), spec))
      .filter((target) => !path.relative(LIB, target).startsWith('..'))
      .map((target) => ({ from: folderOf(file), to: folderOf(target), file: path.relative(LIB, file), target }));
  });
}

/** Pairs of folders that import each other, directly or through others, each pair sorted. */
export function folderCycles(edges: readonly { readonly from: string; readonly to: string }[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const reaches = (a: string, b: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(next.get(a) ?? [])];
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (n === b) return true;
      if (!seen.has(n)) stack.push(...(next.get(n) ?? []));
      seen.add(n);
    }
    return false;
  };
  const folders = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  return folders.flatMap((a, i) =>
    folders.slice(i + 1).flatMap((b) => (reaches(a, b) && reaches(b, a) ? [[a, b]] : [])),
  );
}

describe('the import graph of lib/', () => {
  const edges = libImports().filter((e) => e.from !== e.to);

  test('GIVEN the folders of lib/ THEN the import scan sees the imports between them', () => {
    // Guards the scan itself: if it found nothing, the two tests below could never fail.
    expect(edges.some((e) => e.from === 'repo' && e.to === 'flux')).toBe(true);
  });

  test('the SOPS engine imports nothing from outside lib/sops', () => {
    const outside = edges.filter((e) => e.from === 'sops');
    expect(outside.map((e) => `${e.file} -> ${path.relative(LIB, e.target)}`)).toEqual([]);
  });

  test('the root files of lib/ import no folder', () => {
    const up = edges.filter((e) => e.from === '.');
    expect(up.map((e) => `${e.file} -> ${path.relative(LIB, e.target)}`)).toEqual([]);
  });

  test('no two folders of lib/ import each other, directly or through others', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  test('GIVEN a graph with a cycle through a third folder THEN the cycle is found', () => {
    const cyclic = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'd' },
    ];
    expect(folderCycles(cyclic)).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(folderCycles([{ from: 'a', to: 'b' }])).toEqual([]);
  });
});
