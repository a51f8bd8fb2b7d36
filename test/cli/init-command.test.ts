import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { runInit } from '../../lib/cli/init-command';
import { CliIo } from '../../lib/cli/io';
import { readTreeFiles, tempDir } from '../support/temp';

function init(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line) };
  const code = runInit(args, io, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PROJECT_FILES = [
  '.gitignore',
  'README.md',
  'cdk8s.yaml',
  'main.ts',
  'package.json',
  'test/main.test.ts',
  'tsconfig.json',
];

describe('cdk8s-flux init', () => {
  test('GIVEN a new folder WHEN init THEN it writes the project, named after the folder, and says what to run', () => {
    const work = tempDir();
    const { code, out, err } = init(work, 'My Cluster');
    expect(err).toBe('');
    expect(code).toBe(0);
    const files = readTreeFiles(path.join(work, 'My Cluster'));
    expect([...files.keys()]).toEqual(PROJECT_FILES);
    expect(out).toContain('wrote My Cluster/main.ts');
    expect(out).toMatch(/\n {2}cd My Cluster\n {2}npm install\n {2}npm run synth/);

    const pkg = JSON.parse(files.get('package.json')!) as {
      name: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const own = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
      devDependencies: Record<string, string>;
    };
    expect(pkg.name).toBe('my-cluster');
    expect(pkg.dependencies['cdk8s-flux']).toBe(`^${own.version}`);
    // TypeScript as this package is tested with, never the newest (TypeScript 7 has no compiler API for ts-jest)
    expect(pkg.devDependencies.typescript).toBe(own.devDependencies.typescript);
    expect(pkg.devDependencies.typescript).toMatch(/^~6\./);
    expect(files.get('README.md')).toMatch(/TypeScript 7/);

    // the cdk8s CLI's output folder, which it empties, is not where the tree goes
    const cdk8s = parse(files.get('cdk8s.yaml')!) as { app: string; output: string };
    expect(cdk8s).toEqual({ language: 'typescript', app: 'node --import tsx main.ts', output: 'cdk8s.out' });
    expect(files.get('main.ts')).toContain("new FluxApp({ outdir: '.' })");
  });

  test('GIVEN a folder holding one of the files WHEN init THEN it refuses, naming it, and writes nothing', () => {
    const work = tempDir();
    fs.mkdirSync(path.join(work, 'test'));
    fs.writeFileSync(path.join(work, 'test', 'main.test.ts'), 'mine\n');
    fs.writeFileSync(path.join(work, 'notes.txt'), 'mine too\n');
    const { code, out, err } = init(work);
    expect(out).toBe('');
    expect(err).toMatch(/^cdk8s-flux init: \. already has test\/main\.test\.ts; nothing was written\n/);
    expect(code).toBe(1);
    expect([...readTreeFiles(work).entries()]).toEqual([
      ['notes.txt', 'mine too\n'],
      ['test/main.test.ts', 'mine\n'],
    ]);
  });

  test('GIVEN a write that fails part way WHEN init THEN the files it wrote are removed again, and it exits 3', () => {
    // GIVEN a new folder holding a file named test, so test/main.test.ts cannot be written after the others
    const work = tempDir();
    fs.mkdirSync(path.join(work, 'project'));
    fs.writeFileSync(path.join(work, 'project', 'test'), 'a file\n');
    const { code, err } = init(work, 'project');
    expect(err).toMatch(/^cdk8s-flux init: .*ENOTDIR/);
    expect(code).toBe(3);
    expect([...readTreeFiles(work).entries()]).toEqual([['project/test', 'a file\n']]);
  });

  test('GIVEN two folders WHEN init THEN it is a usage error', () => {
    const work = tempDir();
    const { code, err } = init(work, 'a', 'b');
    expect(err).toMatch(/^cdk8s-flux init: name one folder\n/);
    expect(code).toBe(2);
    expect(fs.readdirSync(work)).toEqual([]);
  });
});
