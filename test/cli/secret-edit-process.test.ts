import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { sandboxEnv } from '../support/temp';

const CLI = path.join(__dirname, '..', '..', 'bin', 'cdk8s-flux.js');
const PASSWORD = 'Hunter2-S3cr3t!x';
const NEW_PASSWORD = 'n3w-Hunter2-S3cr3t';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

let root: string;
let env: NodeJS.ProcessEnv;
let file: string;
let changingEditor: string;

beforeAll(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-edit-signals-')));
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  // readable by the unprivileged user the read-only folder test runs as, when the tests run as root
  fs.chmodSync(root, 0o755);
  fs.mkdirSync(path.join(root, 'tmp'), { mode: 0o1777 });
  fs.chmodSync(path.join(root, 'tmp'), 0o1777);
  fs.writeFileSync(
    path.join(root, '.sops.yaml'),
    `creation_rules:\n  - path_regex: \\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${recipient}\n`,
  );
  // A real editor process that writes where the file is, then waits until a signal stops it.
  const editor = path.join(root, 'waiting-editor.sh');
  changingEditor = path.join(root, 'changing-editor.sh');
  fs.writeFileSync(editor, '#!/bin/sh\necho "$1" > "$EDIT_RECORD"\nwhile :; do sleep 0.1; done\n', { mode: 0o755 });
  // and one that changes the password and exits
  fs.writeFileSync(changingEditor, `#!/bin/sh\nsed -i "s|${b64(PASSWORD)}|${b64(NEW_PASSWORD)}|" "$1"\n`, {
    mode: 0o755,
  });
  env = sandboxEnv(root, identity, { EDITOR: editor });
  file = create('db.yaml');
});

/** Runs the real command line. */
function cli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    ...options,
    env: options.env ?? env,
  });
}

/** Creates a Secret holding PASSWORD at `rel` with the real command line. */
function create(rel: string): string {
  const target = path.join(root, rel);
  const created = cli(['secret', 'create', target, `--from-literal=password=${PASSWORD}`]);
  expect(created.stderr).toBe('');
  expect(created.status).toBe(0);
  return target;
}

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Resolves once `check` holds, polling; fails after `limitMs` (a deadline for a broken run, not a measurement). */
async function until(check: () => boolean, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** Stops what is left of the group the test started (an editor the signal did not reach). */
function stopGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}

const SIGNAL_CODES: Readonly<Record<string, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

describe('secret edit, stopped by a signal while the editor runs', () => {
  test.each<[NodeJS.Signals, 'the command' | 'its process group (Ctrl-C)']>([
    ['SIGINT', 'the command'],
    ['SIGTERM', 'the command'],
    ['SIGHUP', 'the command'],
    ['SIGINT', 'its process group (Ctrl-C)'],
    ['SIGTERM', 'its process group (Ctrl-C)'],
    ['SIGHUP', 'its process group (Ctrl-C)'],
  ])('GIVEN %s sent to %s WHEN the editor is open THEN the decrypted file is removed', async (signal, target) => {
    const record = path.join(root, `record-${signal}-${target.length}`);
    const before = fs.readFileSync(file, 'utf8');
    // its own process group, so a signal to the group reaches the command and the editor as Ctrl-C does
    const child = spawn(process.execPath, [CLI, 'secret', 'edit', file], {
      cwd: root,
      env: { ...env, EDIT_RECORD: record },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const done = exited(child);

    await until(() => fs.existsSync(record) && fs.readFileSync(record, 'utf8').endsWith('\n'));
    const temp = fs.readFileSync(record, 'utf8').trim();
    expect(fs.readFileSync(temp, 'utf8')).toContain(Buffer.from(PASSWORD).toString('base64'));

    process.kill(target === 'the command' ? child.pid! : -child.pid!, signal);
    const { code } = await done;
    stopGroup(child);

    expect(code).toBe(SIGNAL_CODES[signal]);
    expect(fs.existsSync(path.dirname(temp))).toBe(false);
    // (tsx, which runs the sources, keeps its cache there too)
    expect(fs.readdirSync(path.join(root, 'tmp')).filter((name) => name.startsWith('cdk8s-flux'))).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(output).toContain(`stopped by ${signal}`);
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  });
});

describe('secret edit, when FILE cannot be replaced', () => {
  /** The kept file a failed write names, after checking it holds the edit and the message no value. */
  function expectEditsKept(output: string): void {
    const kept = /your edits are kept, encrypted, in (\S+): move that file over/.exec(output)?.[1];
    expect(kept).toBeDefined();
    const decrypted = cli(['secret', 'decrypt', kept!]);
    expect(decrypted.stdout).toContain(b64(NEW_PASSWORD));
    expect(fs.readFileSync(kept!, 'utf8')).not.toContain(b64(NEW_PASSWORD));
    for (const value of [PASSWORD, NEW_PASSWORD, b64(PASSWORD), b64(NEW_PASSWORD)]) {
      expect(output).not.toContain(value);
    }
  }

  test('GIVEN a mode-0400 file WHEN edited THEN it is refused, and the edits are kept encrypted', () => {
    const target = create('read-only.yaml');
    fs.chmodSync(target, 0o400);
    const before = fs.readFileSync(target, 'utf8');
    const run = cli(['secret', 'edit', target], { env: { ...env, EDITOR: changingEditor } });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/read-only\.yaml: mode "0400" is read-only, so it is not replaced; make it writable/);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
    expectEditsKept(run.stdout + run.stderr);
  });

  test('GIVEN a file in a read-only folder WHEN edited THEN the edits are kept encrypted, with a message', () => {
    const target = create('locked/db.yaml');
    const before = fs.readFileSync(target, 'utf8');
    fs.chmodSync(path.dirname(target), 0o555);
    // root may write in any folder: the command then runs as an unprivileged user, for whom the folder is read-only
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = cli(['secret', 'edit', target], { env: { ...env, EDITOR: changingEditor }, ...user });
    fs.chmodSync(path.dirname(target), 0o755);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/EACCES/);
    expect(fs.readFileSync(target, 'utf8')).toBe(before);
    expectEditsKept(run.stdout + run.stderr);
  });
});
