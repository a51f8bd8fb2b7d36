// The leak test: every `secret` command, synth, check and validate run as real processes on failing and tampered
// inputs that hold one known secret value; no output, no file of the tree or of the cdk8s output folder, and nothing
// left in the temp folder may carry that value, in clear or base64-encoded.
import { SpawnSyncReturns, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { sandboxEnv } from '../support/temp';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'cdk8s-flux.js');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const PASSWORD = 'Hunter2-S3cr3t!x';
const b64 = (text: string): string => Buffer.from(text).toString('base64');
/** Every form in which the secret must never be seen. */
const FORMS = [PASSWORD, b64(PASSWORD)];

let root: string;
let inputs: string;
let env: NodeJS.ProcessEnv;
let encrypted: string;

/** The forms of the secret `text` holds. */
const leaksIn = (text: string): string[] => FORMS.filter((f) => text.includes(f));

/** The files under `dir` (but not under `skip`) that hold a form of the secret. */
function filesWithSecret(dir: string, skip: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || file.startsWith(skip + path.sep)) continue;
    if (leaksIn(fs.readFileSync(file, 'latin1')).length > 0) found.push(path.relative(dir, file));
  }
  return found;
}

/** Runs the real command line in the project folder. */
function cli(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env, ...extraEnv },
    timeout: 60_000,
  });
}

/** Writes `text` as an input file the user made (it may hold the secret: inputs are not scanned). */
function input(name: string, text: string): string {
  const file = path.join(inputs, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The encrypted Secret with its password ciphertext changed by one character. */
const flipped = (text: string): string =>
  text.replace(/(password: ENC\[AES256_GCM,data:)(.)/, (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'));

/**
 * Ways of tampering with the encrypted Secret, each leaving the secret, or a damaged ciphertext of it, in the file;
 * and whether the damage shows without the key (a flipped ciphertext byte shows only when the MAC is checked).
 */
const TAMPERS: [string, (text: string) => string, boolean][] = [
  ['a flipped ciphertext byte', flipped, false],
  ['the value put back in clear', (t) => t.replace(/password: ENC\[[^\]]+\]/, `password: ${b64(PASSWORD)}`), true],
  ['the MAC removed', (t) => t.replace(/\n\s+mac: ENC\[[^\]]+\]/, ''), true],
  ['an alias named after the secret', (t) => t.replace(/password: ENC\[[^\]]+\]/, `password: *${PASSWORD}`), true],
  [
    'a block scalar header carrying the secret',
    (t) => t.replace(/password: ENC\[[^\]]+\]/, `password: |${PASSWORD}`),
    true,
  ],
  ['the secret as a YAML token', (t) => t.replace(/password: ENC\[[^\]]+\]/, `password: [${PASSWORD}: \`x`), true],
];

beforeAll(async () => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-leak-')));
  inputs = path.join(root, 'inputs');
  for (const dir of ['inputs', 'secrets', 'narrow']) fs.mkdirSync(path.join(root, dir));
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  // narrow/ has a rule whose encrypted_regex does not cover the data: field that create writes
  fs.writeFileSync(
    path.join(root, '.sops.yaml'),
    'creation_rules:\n' +
      `  - path_regex: ^narrow/\n    encrypted_regex: ^stringData$\n    age: ${recipient}\n` +
      `  - path_regex: \\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${recipient}\n`,
  );
  // a rule that adds an admin's key, for updatekeys to have something to do
  const admin = await identityToRecipient(await generateX25519Identity());
  fs.writeFileSync(
    path.join(root, 'admin.sops.yaml'),
    `creation_rules:\n  - path_regex: \\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${recipient},${admin}\n`,
  );
  env = sandboxEnv(root, identity, {
    NO_COLOR: '1',
    // tsx (which runs the command line from source here, and the apps) would keep a compile cache in the temp folder
    TSX_DISABLE_CACHE: '1',
  });
  const created = cli(['secret', 'create', 'secrets/db.yaml', `--from-literal=password=${PASSWORD}`]);
  expect(created.stderr).toBe('');
  expect(created.status).toBe(0);
  encrypted = fs.readFileSync(path.join(root, 'secrets', 'db.yaml'), 'utf8');
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

afterEach(() => {
  // Nothing the commands wrote (the tree, cdk8s.out, a temp file, a kept copy) holds the secret.
  expect(filesWithSecret(root, inputs)).toEqual([]);
  // (tsx, which runs the apps, keeps the folder of its IPC pipes there)
  expect(fs.readdirSync(path.join(root, 'tmp')).filter((f) => !/^tsx-\d+$/.test(f))).toEqual([]);
});

describe('no command shows a secret value', () => {
  test('GIVEN a created Secret THEN its file holds the value only encrypted, and create said nothing of it', () => {
    expect(leaksIn(encrypted)).toEqual([]);
    expect(encrypted).toMatch(/password: ENC\[AES256_GCM,/);
  });

  test('GIVEN a rule that would leave data in clear WHEN secret create runs THEN it fails, writes nothing and names the rule', () => {
    const result = cli(['secret', 'create', 'narrow/db.yaml', `--from-literal=password=${PASSWORD}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/encrypted_regex/);
    expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
    expect(fs.existsSync(path.join(root, 'narrow', 'db.yaml'))).toBe(false);
  });

  test('GIVEN a key that is not a recipient WHEN every command that decrypts runs THEN each fails without the value', async () => {
    const other = await generateX25519Identity();
    for (const command of ['decrypt', 'edit', 'rotate']) {
      const result = cli(['secret', command, 'secrets/db.yaml'], { SOPS_AGE_KEY: other, EDITOR: 'true' });
      expect({ command, status: result.status }).toEqual({ command, status: 1 });
      expect({ command, leaks: leaksIn(result.stdout + result.stderr) }).toEqual({ command, leaks: [] });
    }
    expect(fs.readFileSync(path.join(root, 'secrets', 'db.yaml'), 'utf8')).toBe(encrypted);
  });

  test('GIVEN the intact Secret file WHEN secret updatekeys adds a key THEN it succeeds and shows no value', () => {
    const file = input('secrets/intact.yaml', encrypted);
    const result = cli(['secret', 'updatekeys', file, '--config', path.join(root, 'admin.sops.yaml')]);
    expect(result.status).toBe(0);
    expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).not.toBe(encrypted);
  });

  describe.each(TAMPERS)('GIVEN a Secret file with %s', (what, tamper, visibleWithoutKey) => {
    test('WHEN secret updatekeys runs on it THEN it fails, shows no value and leaves the file as it was', () => {
      // sops updatekeys re-wraps the data key without reading a value; cdk8s-flux checks the values and MAC first.
      const text = tamper(encrypted);
      const file = input('secrets/updatekeys.yaml', text);
      const result = cli(['secret', 'updatekeys', file, '--config', path.join(root, 'admin.sops.yaml')]);
      expect(result.status).toBe(1);
      expect(result.stderr).not.toBe('');
      expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    });

    test.each(['decrypt', 'edit', 'rotate'])(
      'WHEN secret %s runs on it THEN it fails, shows no value and leaves the file as it was',
      (command) => {
        const text = tamper(encrypted);
        const file = input(`secrets/${command}.yaml`, text);
        const result = cli(['secret', command, file, '--config', path.join(root, '.sops.yaml')], { EDITOR: 'true' });
        expect(result.status).not.toBe(0);
        expect(result.stderr).not.toBe('');
        expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
        expect(fs.readFileSync(file, 'utf8')).toBe(text);
      },
    );

    test('WHEN validate checks a tree holding it THEN it reports the file, when it can tell, without the value', () => {
      const tree = path.join(inputs, 'tree', what.replace(/\W+/g, '-'));
      fs.mkdirSync(tree, { recursive: true });
      fs.writeFileSync(path.join(tree, 'secret.yaml'), tamper(encrypted));
      fs.writeFileSync(path.join(tree, 'kustomization.yaml'), 'resources:\n  - secret.yaml\n');
      const result = cli(['validate', tree]);
      // validate has no key: it checks the sops structure, which a changed ciphertext byte keeps
      expect(result.status).toBe(visibleWithoutKey ? 1 : 0);
      if (visibleWithoutKey) expect(result.stdout + result.stderr).toMatch(/secret\.yaml/);
      expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
    });
  });

  test('GIVEN an editor that saves invalid YAML around the value WHEN secret edit runs THEN nothing is written and the error does not quote it', () => {
    const editor = input('broken-editor.sh', `#!/bin/sh\nprintf 'data:\\n  password: *%s\\n' '${PASSWORD}' > "$1"\n`);
    fs.chmodSync(editor, 0o755);
    const result = cli(['secret', 'edit', 'secrets/db.yaml'], { EDITOR: editor });
    expect(result.status).toBe(1);
    expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'secrets', 'db.yaml'), 'utf8')).toBe(encrypted);
  });
});

describe('synth and check refuse a Secret in clear whatever made it, and show no value', () => {
  /** An app whose service holds a Secret made by `make` (TypeScript, with `svc` in scope). */
  function app(make: string): string {
    const file = input(
      `app-${make.length}.ts`,
      `import { ApiObject, Include } from ${JSON.stringify(path.join(ROOT, 'node_modules', 'cdk8s'))};
import { FluxApp, GitOpsRepository } from ${JSON.stringify(path.join(ROOT, 'lib'))};
const app = new FluxApp({ outdir: ${JSON.stringify(path.join(root, 'tree'))} });
const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab' });
const svc = repo.service('db');
${make}
app.synth();
`,
    );
    return `${TSX} ${file}`;
  }

  const apps: [string, () => string][] = [
    [
      'a cdk8s Include of a file with sops metadata but the value in clear',
      () =>
        `new Include(svc, 'db', { url: ${JSON.stringify(input('clear-with-sops.yaml', TAMPERS[1][1](encrypted)))} });`,
    ],
    [
      'an ApiObject Secret carrying a sops field',
      () =>
        `new ApiObject(svc, 'db', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, ` +
        `data: { password: ${JSON.stringify(b64(PASSWORD))} }, sops: { mac: 'x' } } as never);`,
    ],
  ];

  test.each(apps)(
    'GIVEN %s WHEN synth and check run THEN both fail, write no tree and show no value',
    (_what, make) => {
      const command = app(make());
      for (const args of [
        ['synth', '--app', command],
        ['check', '--app', command],
      ]) {
        const result = cli(args);
        expect({ args: args[0], status: result.status }).toEqual({ args: args[0], status: 1 });
        expect(result.stderr).toMatch(/secret-db\.yaml\): data\.password is not encrypted/);
        expect(leaksIn(result.stdout + result.stderr)).toEqual([]);
      }
      expect(fs.existsSync(path.join(root, 'tree'))).toBe(false);
    },
  );
});
