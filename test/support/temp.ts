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

/**
 * The environment of a command run inside `root` as if on a machine of its own: PATH only, its own home (and gpg home)
 * under `root/home`, its temp folder `root/tmp` (both made here), an age identity for SOPS, and `extra`.
 */
export function sandboxEnv(
  root: string,
  ageIdentity: string,
  extra: Record<string, string> = {},
): Record<string, string | undefined> {
  const home = path.join(root, 'home');
  const tmp = path.join(root, 'tmp');
  for (const dir of [home, tmp]) fs.mkdirSync(dir, { recursive: true });
  return { PATH: process.env.PATH, HOME: home, GNUPGHOME: home, TMPDIR: tmp, SOPS_AGE_KEY: ageIdentity, ...extra };
}

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
