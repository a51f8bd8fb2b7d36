import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const made: string[] = [];

/** A fresh temporary folder, removed after all tests of the file. */
export function tempDir(prefix = 'cdk8s-flux-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Every file under `dir`, relative and `/`-separated, sorted, with its content. */
export function readTreeFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, fs.readFileSync(path.join(dir, rel), 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk('');
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
