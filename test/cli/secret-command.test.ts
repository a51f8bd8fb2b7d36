import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { parse } from 'yaml';
import { CliIo } from '../../lib/cli/io';
import { runCli } from '../../lib/cli/main';
import { readSopsMetadata } from '../../lib/sops/read-sops-metadata';
import { AgeIdentities } from '../../lib/sops/keys/age-identities';
import { AgeStanza } from '../../lib/sops/keys/master-key';
import { describeWithTool } from '../support/tools';

/** A CliIo that keeps what the command writes. */
class RecordingIo implements CliIo {
  public readonly outLines: string[] = [];
  public readonly errLines: string[] = [];
  public out(line: string): void {
    this.outLines.push(line);
  }
  public err(line: string): void {
    this.errLines.push(line);
  }
  public get stdout(): string {
    return this.outLines.join('\n');
  }
  public get stderr(): string {
    return this.errLines.join('\n');
  }
}

interface KeyPair {
  readonly identity: string;
  readonly recipient: string;
}

async function newKeyPair(): Promise<KeyPair> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

async function cli(...argv: string[]): Promise<{ code: number; io: RecordingIo }> {
  const io = new RecordingIo();
  const code = await runCli(argv, io);
  return { code, io };
}

const SECRET_ENV = ['SOPS_AGE_KEY', 'SOPS_AGE_KEY_FILE', 'SOPS_AGE_KEY_CMD', 'SOPS_CONFIG', 'XDG_CONFIG_HOME'];
const EDITOR_ENV = ['EDITOR', 'VISUAL', 'EDIT_FROM', 'EDIT_TO', 'EDIT_EXIT', 'EDIT_RECORD'];
const savedEnv = { ...process.env };
const savedCwd = process.cwd();

let root: string;
let alice: KeyPair;
let bob: KeyPair;

beforeAll(async () => {
  [alice, bob] = await Promise.all([newKeyPair(), newKeyPair()]);
});

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-flux-secret-cli-')));
  // Nothing from the user's own keys or editor: an empty home and gpg home, keys only where a test puts them.
  for (const name of [...SECRET_ENV, ...EDITOR_ENV]) delete process.env[name];
  process.env.HOME = path.join(root, 'home');
  process.env.GNUPGHOME = path.join(root, 'gnupg');
  fs.mkdirSync(process.env.HOME);
  fs.mkdirSync(process.env.GNUPGHOME, { mode: 0o700 });
  // As with sops, the .sops.yaml is found from the working directory: the commands run at the project root.
  process.chdir(root);
});

afterEach(() => {
  process.chdir(savedCwd);
  for (const name of Object.keys(process.env)) {
    if (!(name in savedEnv)) delete process.env[name];
  }
  Object.assign(process.env, savedEnv);
  fs.rmSync(root, { recursive: true, force: true });
});

function write(rel: string, text: string | Buffer): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function sopsConfig(rules: string): void {
  write('.sops.yaml', `creation_rules:\n${rules}`);
}

/** A rule for `secrets/`, encrypting only data and stringData, for the given recipients. */
function secretsRule(...recipients: string[]): string {
  return `  - path_regex: ^secrets/.*\\.(yaml|json)$\n    encrypted_regex: ^(data|stringData)$\n    age: ${recipients.join(',')}\n`;
}

function useKey(...pairs: KeyPair[]): void {
  process.env.SOPS_AGE_KEY = pairs.map((p) => p.identity).join('\n');
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** Every `ENC[...]` value of a file, MAC included. */
const ciphertexts = (text: string): string[] => text.match(/ENC\[[^\]]+\]/g) ?? [];

/** The age stanzas of an encrypted file. */
function ageStanzas(text: string): AgeStanza[] {
  const { metadata } = readSopsMetadata(text, 'yaml');
  return metadata.keyGroups.flat().filter((s): s is AgeStanza => s.type === 'age');
}

async function dataKeyHex(text: string, pair: KeyPair): Promise<string> {
  const identities = AgeIdentities.fromString(pair.identity);
  for (const stanza of ageStanzas(text)) {
    const key = await identities.unwrap(stanza);
    if (key !== undefined) return Buffer.from(key).toString('hex');
  }
  throw new Error('no stanza for this key');
}

/** A Secret manifest as read back, plaintext or encrypted. */
interface SecretDoc {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly type: string;
  readonly data: Record<string, string>;
  readonly sops?: Record<string, unknown>;
}

const readDoc = (text: string): SecretDoc => parse(text) as SecretDoc;

async function decryptToObject(file: string): Promise<SecretDoc> {
  const { code, io } = await cli('secret', 'decrypt', file);
  expect(io.stderr).toBe('');
  expect(code).toBe(0);
  return readDoc(io.stdout);
}

/** Creates secrets/db.yaml for alice with two keys. */
async function createDb(): Promise<string> {
  sopsConfig(secretsRule(alice.recipient));
  const file = path.join(root, 'secrets', 'db.yaml');
  const { code, io } = await cli(
    'secret',
    'create',
    file,
    '--from-literal',
    'password=s3cr3t',
    '--from-literal=user=admin',
  );
  expect(io.stderr).toBe('');
  expect(code).toBe(0);
  return file;
}

describe('secret create and decrypt', () => {
  test('round trip: literals and files go base64-encoded under data, and decrypt back', async () => {
    // GIVEN a .sops.yaml rule for alice and a binary file
    sopsConfig(secretsRule(alice.recipient));
    const binary = Buffer.from([0, 1, 2, 255, 254, 10]);
    const caFile = write('input/ca.crt', binary);
    const file = path.join(root, 'secrets', 'app-credentials.sops.yaml');

    // WHEN the Secret is created
    const created = await cli(
      'secret',
      'create',
      file,
      '--from-literal',
      'password=p@ss=word',
      '--from-file',
      caFile,
      '--from-file',
      `token=${write('input/t.txt', 'tok-123\n')}`,
      '-n',
      'apps',
    );

    // THEN it is written and reported without any value
    expect(created.io.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.io.stdout).toContain(`Secret apps/app-credentials with 3 keys, encrypted for ${alice.recipient}`);
    expect(created.io.stdout).toContain('creation_rules[0]');
    const encrypted = fs.readFileSync(file, 'utf8');
    for (const secret of ['p@ss=word', b64('p@ss=word'), 'tok-123', b64('tok-123\n'), binary.toString('base64')]) {
      expect(encrypted).not.toContain(secret);
      expect(created.io.stdout).not.toContain(secret);
    }
    // and alice's key decrypts it to a kubectl-style Secret
    useKey(alice);
    expect(await decryptToObject(file)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'app-credentials', namespace: 'apps' },
      type: 'Opaque',
      data: { 'ca.crt': binary.toString('base64'), password: b64('p@ss=word'), token: b64('tok-123\n') },
    });
  });

  test('--name, --type and JSON files', async () => {
    sopsConfig(secretsRule(alice.recipient));
    const file = path.join(root, 'secrets', 'tls.json');
    const { code, io } = await cli(
      'secret',
      'create',
      file,
      '--name',
      'web-tls',
      '--type',
      'kubernetes.io/tls',
      '--from-literal',
      'tls.crt=CERT',
      '--from-literal',
      'tls.key=KEY',
    );
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ metadata: { name: 'web-tls' } });
    useKey(alice);
    const decrypted = await cli('secret', 'decrypt', file);
    expect(JSON.parse(decrypted.io.stdout)).toMatchObject({
      type: 'kubernetes.io/tls',
      data: { 'tls.key': b64('KEY') },
    });
  });

  test("encrypted_regex '^(data|stringData)$' leaves apiVersion, kind and metadata in clear text", async () => {
    const file = await createDb();
    const doc = readDoc(fs.readFileSync(file, 'utf8'));
    expect(doc.apiVersion).toBe('v1');
    expect(doc.kind).toBe('Secret');
    expect(doc.metadata).toEqual({ name: 'db' });
    expect(doc.type).toBe('Opaque');
    expect(doc.data.password).toMatch(/^ENC\[AES256_GCM,data:.+,type:str\]$/);
    expect(doc.data.user).toMatch(/^ENC\[/);
    expect(doc.sops?.encrypted_regex).toBe('^(data|stringData)$');
  });

  test('a rule without encrypted_regex encrypts everything, as sops does, with a warning for Flux', async () => {
    sopsConfig(`  - age: ${alice.recipient}\n`);
    const file = path.join(root, 'secrets', 'all.yaml');
    const { code, io } = await cli('secret', 'create', file, '--from-literal', 'a=b');
    expect(code).toBe(0);
    expect(readDoc(fs.readFileSync(file, 'utf8')).kind).toMatch(/^ENC\[/);
    expect(io.stderr).toMatch(
      /^warning: .*all\.yaml: kind is encrypted, but Flux must read it before decrypting; .*encrypted_regex/m,
    );
  });

  test.each([
    ['encrypted_regex: ^stringData$', 'password'],
    ['unencrypted_regex: ^data$', 'password'],
    ['encrypted_suffix: _secret', 'password'],
    ['unencrypted_suffix: _unencrypted', 'password_unencrypted'],
  ])(
    'GIVEN a rule with %s WHEN create would leave data.%s in clear THEN nothing is written and the rule is named',
    async (encryption, key) => {
      sopsConfig(
        `  - path_regex: ^other/\n    age: ${bob.recipient}\n  - path_regex: ^secrets/\n    ${encryption}\n    age: ${alice.recipient}\n`,
      );
      const [kind, pattern] = encryption.split(': ');
      const shown = `${kind} ${JSON.stringify(pattern)}`;
      const file = path.join(root, 'secrets', 'db.yaml');
      // a new file is not made, and an existing one is not replaced (--force)
      for (const existing of [false, true]) {
        if (existing) write('secrets/db.yaml', 'kept: as it was\n');
        const force = existing ? ['--force'] : [];
        const { code, io } = await cli('secret', 'create', file, '--from-literal', `${key}=s3cr3t-Valu3`, ...force);
        expect(code).toBe(1);
        expect(io.stderr).toContain(
          `data.${key} would be written in clear text: .sops.yaml creation_rules[1] (path_regex ^secrets/) has ${shown}, which leaves it unencrypted; nothing was written; make that rule encrypt the whole Secret data (encrypted_regex: ^(data|stringData)$`,
        );
        expect(io.stdout).toBe('');
        expect(`${io.stdout}${io.stderr}`).not.toMatch(new RegExp(`s3cr3t-Valu3|${b64('s3cr3t-Valu3')}`));
        expect(existing ? fs.readFileSync(file, 'utf8') : fs.existsSync(path.dirname(file))).toBe(
          existing ? 'kept: as it was\n' : false,
        );
      }
    },
  );

  test('no matching rule: the error names the path and every path_regex tried, and nothing is written', async () => {
    sopsConfig(
      `  - path_regex: ^clusters/prod/\n    age: ${alice.recipient}\n  - path_regex: \\.enc\\.yaml$\n    age: ${alice.recipient}\n`,
    );
    const file = path.join(root, 'secrets', 'db.yaml');
    const { code, io } = await cli('secret', 'create', file, '--from-literal', 'password=s3cr3t');
    expect(code).toBe(1);
    expect(io.stderr).toContain('"secrets/db.yaml" has no rule for this path');
    expect(io.stderr).toContain('path_regex tried, in order: "^clusters/prod/", "\\\\.enc\\\\.yaml$"');
    expect(io.stderr).not.toContain('s3cr3t');
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  test('--config and SOPS_CONFIG name the .sops.yaml', async () => {
    const config = write('elsewhere/sops-config.yaml', `creation_rules:\n${secretsRule(bob.recipient)}`);
    const file = path.join(root, 'elsewhere', 'secrets', 'x.yaml');
    expect((await cli('secret', 'create', file, '--config', config, '--from-literal', 'k=v')).code).toBe(0);
    process.env.SOPS_CONFIG = config;
    const other = path.join(root, 'elsewhere', 'secrets', 'y.yaml');
    expect((await cli('secret', 'create', other, '--from-literal', 'k=v')).code).toBe(0);
    for (const f of [file, other])
      expect(ageStanzas(fs.readFileSync(f, 'utf8')).map((s) => s.recipient)).toEqual([bob.recipient]);
  });

  test('refuses to replace a file unless --force', async () => {
    const file = await createDb();
    const before = fs.readFileSync(file);

    const again = await cli('secret', 'create', file, '--from-literal', 'password=other-value');
    expect(again.code).toBe(1);
    expect(again.io.stderr).toMatch(/db\.yaml already exists; pass --force to replace it/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    const forced = await cli('secret', 'create', file, '--from-literal', 'password=other-value', '--force');
    expect(forced.code).toBe(0);
    useKey(alice);
    expect((await decryptToObject(file)).data).toEqual({ password: b64('other-value') });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['db.yaml']); // no temporary file left behind
  });

  test.each([
    [
      'a key Kubernetes does not allow',
      ['--from-literal', 'bad key=hunter2-secret'],
      /--from-literal #1: the key "bad key" has characters Kubernetes does not allow .*; use a key such as "bad_key"/,
    ],
    [
      'a literal without "=" (not echoed: it may be the secret itself)',
      ['--from-literal', 'a=b', '--from-literal', 'hunter2-secret'],
      /--from-literal #2 has no "=" .*; write --from-literal KEY=VALUE/,
    ],
    [
      'the same key twice',
      ['--from-literal', 'password=hunter2-secret', '--from-file', 'password=FILE'],
      /the key "password" is given twice \(--from-literal #1 and --from-file "password=.*"\); give each key once/,
    ],
    [
      'a file that cannot be read',
      ['--from-file', 'ca.crt=MISSING'],
      /--from-file "ca\.crt=.*missing\.crt": .*missing\.crt cannot be read \(ENOENT\); check the path/,
    ],
    [
      'a key from a file name that is not a key',
      ['--from-file', 'SPACED'],
      /name the key: --from-file KEY=FILE, e\.g\. "my_file\.txt"/,
    ],
    ['no key at all', [], /the Secret has no keys; give at least one --from-literal/],
    [
      'an invalid --name',
      ['--name', 'Bad_Name', '--from-literal', 'a=b'],
      /the Secret name "Bad_Name" \(--name\) is not a valid/,
    ],
    [
      'a missing key of the type',
      ['--type', 'kubernetes.io/tls', '--from-literal', 'tls.crt=x'],
      /needs the key "tls\.key"/,
    ],
    ['a mistyped option', ['--from-literals', 'a=b'], /unknown option --from-literals; did you mean --from-literal\?$/],
    ['an unknown option', ['--verbose'], /unknown option --verbose; the options are --from-literal, --from-file, /],
    ['an option without its value', ['--from-literal'], /--from-literal needs a value/],
  ])('refuses %s with exit code 2 and writes nothing', async (_what, flags, message) => {
    sopsConfig(secretsRule(alice.recipient));
    const valueFile = write('input/value.txt', 'hunter2-secret');
    const spaced = write('input/my file.txt', 'hunter2-secret');
    const args = flags.map((f) =>
      f
        .replace('FILE', valueFile)
        .replace('MISSING', path.join(root, 'input', 'missing.crt'))
        .replace('SPACED', spaced),
    );
    const file = path.join(root, 'secrets', 'db.yaml');
    const { code, io } = await cli('secret', 'create', file, ...args);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).toMatch(/^cdk8s-flux secret create: /);
    expect(io.stderr).not.toContain('hunter2-secret');
    expect(code).toBe(2);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  test('decrypt without the key names the recipients and the key sources tried', async () => {
    const file = await createDb();
    useKey(bob);
    const { code, io } = await cli('secret', 'decrypt', file);
    expect(code).toBe(1);
    expect(io.stderr).toContain(`cannot recover the data key; the file is encrypted for age ${alice.recipient}`);
    expect(io.stderr).toContain('age identities from SOPS_AGE_KEY');
    expect(io.stdout).toBe('');
  });

  test('decrypt reads SOPS_AGE_KEY_FILE and the default key file, and refuses a file changed without sops', async () => {
    const file = await createDb();
    process.env.SOPS_AGE_KEY_FILE = write('keys/alice.txt', `# alice\n${alice.identity}\n`);
    expect((await decryptToObject(file)).data.user).toBe(b64('admin'));
    delete process.env.SOPS_AGE_KEY_FILE;
    write('home/.config/sops/age/keys.txt', `${alice.identity}\n`);
    expect((await decryptToObject(file)).metadata.name).toBe('db');

    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('name: db', 'name: db2'));
    const tampered = await cli('secret', 'decrypt', file);
    expect(tampered.code).toBe(1);
    expect(tampered.io.stderr).toContain('MAC mismatch');
  });
});

describe('secret decrypt and edit --decode', () => {
  /** Creates secrets/app.yaml for alice: a text value, a multi-line text value and a binary one. */
  async function createApp(): Promise<string> {
    sopsConfig(secretsRule(alice.recipient));
    write('values/ca.crt', 'line one\nline two\n');
    write('values/blob', Buffer.from([0x00, 0xff, 0x10]));
    const file = path.join(root, 'secrets', 'app.yaml');
    const created = await cli(
      'secret',
      'create',
      file,
      '--from-literal',
      'token=s3cr3t',
      '--from-file',
      `ca.crt=${path.join(root, 'values', 'ca.crt')}`,
      '--from-file',
      `blob=${path.join(root, 'values', 'blob')}`,
    );
    expect(created.io.stderr).toBe('');
    useKey(alice);
    return file;
  }

  test('GIVEN a Secret WHEN decrypt --decode THEN data values show as text, binary ones as !!binary, no base64 of text', async () => {
    const file = await createApp();
    const { code, io } = await cli('secret', 'decrypt', file, '--decode');
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const blob = Buffer.from([0x00, 0xff, 0x10]).toString('base64');
    expect(io.stdout.slice(io.stdout.indexOf('\ndata:'))).toBe(
      `\ndata:\n  blob: !!binary |-\n    ${blob}\n  ca.crt: |\n    line one\n    line two\n  token: s3cr3t`,
    );
    expect(io.stdout).not.toContain(b64('s3cr3t'));
    // without the flag, the data is as stored: base64
    expect((await cli('secret', 'decrypt', file)).io.stdout).toContain(`token: ${b64('s3cr3t')}`);
  });

  test('GIVEN a JSON file WHEN decrypt --decode THEN it is a usage error', async () => {
    const { code, io } = await cli('secret', 'decrypt', path.join(root, 'secrets', 'x.json'), '--decode');
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/--decode works on YAML files only/);
  });
});

describe('secret edit', () => {
  let script: string;
  let record: string;

  beforeEach(() => {
    // A real editor process: replaces EDIT_FROM with EDIT_TO in the file, records where the file was and its mode,
    // then exits with EDIT_EXIT.
    script = write(
      'tools/fake-editor.js',
      [
        "const fs = require('fs');",
        'const file = process.argv[2];',
        "fs.writeFileSync(process.env.EDIT_RECORD, JSON.stringify({ file, mode: fs.statSync(file).mode & 0o777, dirMode: fs.statSync(require('path').dirname(file)).mode & 0o777 }));",
        'if (process.env.EDIT_FROM) {',
        "  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(process.env.EDIT_FROM).join(process.env.EDIT_TO));",
        '}',
        "process.exit(Number(process.env.EDIT_EXIT || '0'));",
      ].join('\n'),
    );
    record = path.join(root, 'editor-record.json');
    process.env.EDITOR = `"${process.execPath}" "${script}"`;
    process.env.EDIT_RECORD = record;
  });

  function recorded(): { file: string; mode: number; dirMode: number } {
    return JSON.parse(fs.readFileSync(record, 'utf8')) as { file: string; mode: number; dirMode: number };
  }

  test('changes a value, keeping the data key, the recipients and the other ciphertexts', async () => {
    // GIVEN a Secret
    const file = await createDb();
    const before = fs.readFileSync(file, 'utf8');
    useKey(alice);

    // WHEN the editor changes the password
    process.env.EDIT_FROM = `password: ${b64('s3cr3t')}`;
    process.env.EDIT_TO = `password: ${b64('n3w-s3cr3t')}`;
    const { code, io } = await cli('secret', 'edit', file);

    // THEN the new value decrypts
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toContain('wrote');
    const after = fs.readFileSync(file, 'utf8');
    expect((await decryptToObject(file)).data).toEqual({ password: b64('n3w-s3cr3t'), user: b64('admin') });
    // with the same data key and recipient stanzas, and the untouched value's exact ciphertext
    expect(await dataKeyHex(after, alice)).toBe(await dataKeyHex(before, alice));
    expect(ageStanzas(after)).toEqual(ageStanzas(before));
    expect(readDoc(after).data.user).toBe(readDoc(before).data.user);
    expect(readDoc(after).data.password).not.toBe(readDoc(before).data.password);
    // and the plaintext was only in a private temporary folder, now gone
    const { file: temp, mode, dirMode } = recorded();
    expect(path.basename(temp)).toBe('db.yaml');
    expect(mode).toBe(0o600);
    expect(dirMode).toBe(0o700);
    expect(fs.existsSync(path.dirname(temp))).toBe(false);
  });

  test('without a change, the file is left byte for byte', async () => {
    const file = await createDb();
    const before = fs.readFileSync(file);
    useKey(alice);
    const { code, io } = await cli('secret', 'edit', file);
    expect(code).toBe(0);
    expect(io.stdout).toContain('has not changed; nothing written');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.dirname(recorded().file))).toBe(false);
  });

  test('an editor that fails changes nothing, and the temporary folder is removed', async () => {
    const file = await createDb();
    const before = fs.readFileSync(file);
    useKey(alice);
    process.env.EDIT_FROM = b64('s3cr3t');
    process.env.EDIT_TO = b64('n3w-s3cr3t');
    process.env.EDIT_EXIT = '3';
    const { code, io } = await cli('secret', 'edit', file);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/EDITOR ".*fake-editor\.js" exited with code 3; nothing was written/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.dirname(recorded().file))).toBe(false);
  });

  test('an editor that cannot be started is reported', async () => {
    const file = await createDb();
    useKey(alice);
    process.env.EDITOR = path.join(root, 'no-such-editor');
    const { code, io } = await cli('secret', 'edit', file);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/EDITOR ".*no-such-editor" cannot be started \(ENOENT\)/);
  });

  test('GIVEN --decode WHEN the editor changes a value as text THEN it is stored base64, the others keep their ciphertext', async () => {
    // GIVEN a Secret with a text and a binary value
    write('values/blob', Buffer.from([0x00, 0xff]));
    const file = await createDb();
    expect(
      (
        await cli(
          'secret',
          'create',
          file,
          '--force',
          '--from-literal=password=s3cr3t',
          '--from-file',
          `blob=${path.join(root, 'values', 'blob')}`,
        )
      ).code,
    ).toBe(0);
    const before = fs.readFileSync(file, 'utf8');
    useKey(alice);

    // WHEN the editor, which sees the decoded text, changes the password
    process.env.EDIT_FROM = 'password: s3cr3t';
    process.env.EDIT_TO = 'password: n3w s3cr3t';
    const { code, io } = await cli('secret', 'edit', file, '--decode');

    // THEN the new value is stored base64-encoded, and the binary value's ciphertext is untouched
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect((await decryptToObject(file)).data).toEqual({
      password: b64('n3w s3cr3t'),
      blob: Buffer.from([0x00, 0xff]).toString('base64'),
    });
    expect(readDoc(after).data.blob).toBe(readDoc(before).data.blob);
    expect(await dataKeyHex(after, alice)).toBe(await dataKeyHex(before, alice));
  });

  test('GIVEN --decode WHEN nothing is changed THEN the file is left byte for byte', async () => {
    const file = await createDb();
    const before = fs.readFileSync(file);
    useKey(alice);
    const { code, io } = await cli('secret', 'edit', file, '--decode');
    expect(code).toBe(0);
    expect(io.stdout).toContain('has not changed; nothing written');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('GIVEN --decode WHEN the edit is not YAML THEN it is refused, naming no value', async () => {
    const file = await createDb();
    const before = fs.readFileSync(file);
    useKey(alice);
    process.env.EDIT_FROM = 'password: s3cr3t';
    process.env.EDIT_TO = 'password: [s3cr3t';
    const { code, io } = await cli('secret', 'edit', file, '--decode');
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/line \d+ is not valid YAML/);
    for (const secret of ['s3cr3t', b64('s3cr3t'), 'admin', b64('admin')]) expect(io.stderr).not.toContain(secret);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test.each([
    ['invalid YAML', 'user: ', 'user: [', /invalid YAML at line \d+/],
    ['a data value that is not base64', `user: ${b64('admin')}`, 'user: not base64!', /data\.user is not base64/],
  ])('an edit to %s is refused, naming no value', async (_what, from, to, message) => {
    const file = await createDb();
    const before = fs.readFileSync(file);
    useKey(alice);
    process.env.EDIT_FROM = from;
    process.env.EDIT_TO = to;
    const { code, io } = await cli('secret', 'edit', file);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(message);
    expect(io.stderr).toContain('was left unchanged and the edits were discarded');
    for (const secret of ['s3cr3t', b64('s3cr3t'), 'admin', b64('admin')]) expect(io.stderr).not.toContain(secret);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.dirname(recorded().file))).toBe(false);
  });
});

describe('secret rotate and updatekeys', () => {
  test('rotate re-encrypts every value under a new data key for the same recipients', async () => {
    const file = await createDb();
    const before = fs.readFileSync(file, 'utf8');
    useKey(alice);
    const plaintextBefore = (await cli('secret', 'decrypt', file)).io.stdout;

    const { code, io } = await cli('secret', 'rotate', file);
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    const [oldValues, newValues] = [ciphertexts(before), ciphertexts(after)];
    expect(newValues).toHaveLength(oldValues.length);
    expect(newValues.filter((c) => oldValues.includes(c))).toEqual([]);
    expect(await dataKeyHex(after, alice)).not.toBe(await dataKeyHex(before, alice));
    expect(ageStanzas(after).map((s) => s.recipient)).toEqual([alice.recipient]);
    expect((await cli('secret', 'decrypt', file)).io.stdout).toBe(plaintextBefore);
  });

  test('updatekeys adds a recipient from an edited .sops.yaml, keeping the data key; then removes one', async () => {
    // GIVEN a Secret for alice, and bob added to the rule
    const file = await createDb();
    const before = fs.readFileSync(file, 'utf8');
    sopsConfig(secretsRule(alice.recipient, bob.recipient));
    useKey(alice);

    // WHEN its keys are updated
    const { code, io } = await cli('secret', 'updatekeys', file);

    // THEN bob can decrypt it, with the same data key, and the values are untouched
    expect(io.stderr).toBe('');
    expect(code).toBe(0);
    expect(io.stdout).toContain(`added ${bob.recipient}; removed none`);
    const after = fs.readFileSync(file, 'utf8');
    expect(ciphertexts(after)).toEqual(ciphertexts(before));
    useKey(bob);
    expect((await decryptToObject(file)).data.password).toBe(b64('s3cr3t'));
    expect(await dataKeyHex(after, bob)).toBe(await dataKeyHex(before, alice));

    // and a second run has nothing to do
    const again = await cli('secret', 'updatekeys', file);
    expect(again.io.stdout).toContain('is already encrypted for the keys of');
    expect(fs.readFileSync(file, 'utf8')).toBe(after);

    // WHEN alice is removed from the rule THEN bob alone can decrypt
    sopsConfig(secretsRule(bob.recipient));
    const removed = await cli('secret', 'updatekeys', file);
    expect(removed.io.stdout).toContain(`added none; removed ${alice.recipient}`);
    useKey(alice);
    expect((await cli('secret', 'decrypt', file)).code).toBe(1);
  });
});

describe('usage', () => {
  test.each([
    [['secret', '--help'], /^usage: cdk8s-flux secret <subcommand>/],
    [['secret', 'create', '--help'], /^usage: cdk8s-flux secret create FILE/],
    [['secret', 'decrypt', '-h'], /^usage: cdk8s-flux secret decrypt FILE/],
    [['secret', 'edit', '--help'], /^usage: cdk8s-flux secret edit FILE/],
    [['secret', 'rotate', '--help'], /^usage: cdk8s-flux secret rotate FILE/],
    [['secret', 'updatekeys', '--help'], /^usage: cdk8s-flux secret updatekeys FILE/],
  ])('%j prints its help', async (argv, text) => {
    const { code, io } = await cli(...argv);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(text);
  });

  test('cdk8s-flux --help lists the secret command', async () => {
    expect((await cli('--help')).io.stdout).toMatch(/^ {2}secret {2,}create, decrypt, edit, rotate/m);
  });

  test.each([
    [['secret'], /^usage: cdk8s-flux secret/],
    [['secret', 'encrypt', 'x.yaml'], /unknown subcommand "encrypt"/],
    [['secret', 'decrypt'], /decrypt: name the file/],
    [['secret', 'decrypt', 'a.yaml', 'b.yaml'], /decrypt: name one file/],
    [['secret', 'rotate', '--force', 'a.yaml'], /rotate: unknown option --force/],
    [['secret', 'edit', '--verbose=1', 'a.yaml'], /edit: unknown option --verbose/],
    [['secret', 'create', 'a.yaml', '--force=yes'], /--force takes no value/],
    [['secret', 'create', 'a.yaml', '--name', 'a', '--name', 'b'], /--name is given twice/],
  ])('%j is a usage error', async (argv, text) => {
    const { code, io } = await cli(...argv);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(text);
  });
});

describeWithTool(
  'age',
  'install age (https://github.com/FiloSottile/age), e.g. apt-get install age',
  'the age program',
  () => {
    test("decrypts the data key of a created file's age stanza (an armored age file)", async () => {
      const file = await createDb();
      const text = fs.readFileSync(file, 'utf8');
      const [stanza] = ageStanzas(text);
      const keyFile = write('keys/alice.txt', `${alice.identity}\n`);
      const encFile = write('stanza.age', stanza.enc);
      const result = spawnSync('age', ['-d', '-i', keyFile, encFile]);
      expect(result.stderr.toString()).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toHaveLength(32);
      expect(result.stdout.toString('hex')).toBe(await dataKeyHex(text, alice));
    });
  },
);
