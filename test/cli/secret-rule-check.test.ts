import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { CliIo } from '../../lib/cli/io';
import { runSecret } from '../../lib/cli/secret-command';
import { decryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { readSopsMetadata } from '../../lib/sops/read-sops-metadata';
import { AgeIdentities } from '../../lib/sops/keys/age-identities';
import { sharedDir } from '../support/shared';
import { sandboxEnv, tempDir } from '../support/temp';

/**
 * The recipients and encryption rule of a sops file are not covered by its MAC. `rotate` and `edit` compare them
 * with the .sops.yaml rule before trusting them (finding 6 of the secrets review), with real age keys and a file
 * written by sops itself.
 */

const SECRET = 'Hunter2-S3cr3t!x';
const NEW_SECRET = 'n3w-T0ken-Value!';
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

class RecordingIo implements CliIo {
  public readonly lines: string[] = [];
  public readonly errors: string[] = [];
  public out(line: string): void {
    this.lines.push(line);
  }
  public err(line: string): void {
    this.errors.push(line);
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

let alice: KeyPair;
let mallory: KeyPair;
let root: string;
let env: NodeJS.ProcessEnv;
let editorRan: string;

beforeAll(async () => {
  [alice, mallory] = await Promise.all([newKeyPair(), newKeyPair()]);
});

beforeEach(() => {
  root = fs.realpathSync(tempDir('cdk8s-flux-rule-check-'));
  editorRan = path.join(root, 'editor-ran');
  // A real editor: records that it ran, then adds a stringData value.
  const editor = path.join(root, 'add-token.sh');
  fs.writeFileSync(
    editor,
    `#!/bin/sh\ntouch "${editorRan}"\nprintf 'stringData:\\n    token: %s\\n' "$NEW_VALUE" >> "$1"\n`,
    {
      mode: 0o755,
    },
  );
  env = sandboxEnv(root, alice.identity, { EDITOR: editor, NEW_VALUE: NEW_SECRET });
});

async function secret(...args: string[]): Promise<{ code: number; io: RecordingIo }> {
  const io = new RecordingIo();
  const code = await runSecret(args, io, { env, cwd: root });
  return { code, io };
}

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

function sopsConfig(recipients: readonly string[], extra = '    encrypted_regex: ^(data|stringData)$\n'): void {
  write('.sops.yaml', `creation_rules:\n  - path_regex: \\.yaml$\n${extra}    age: ${recipients.join(',')}\n`);
}

/** Creates db.yaml for alice with the real command, under a rule encrypting data and stringData. */
async function createDb(): Promise<void> {
  sopsConfig([alice.recipient]);
  const { code, io } = await secret('create', 'db.yaml', `--from-literal=password=${SECRET}`);
  expect(io.errors).toEqual([]);
  expect(code).toBe(0);
}

/** Whether `pair` can recover the data key of the file (one of its stanzas is wrapped for it). */
async function canDecrypt(text: string, pair: KeyPair): Promise<boolean> {
  try {
    await decryptSopsFile(text, { format: 'yaml', unwrappers: [AgeIdentities.fromString(pair.identity)] });
    return true;
  } catch {
    return false;
  }
}

describe('secret rotate compares the recipients with .sops.yaml', () => {
  test('GIVEN an extra recipient added to the file WHEN rotate THEN it is refused, naming it, and the file is unchanged', async () => {
    await createDb();
    // the attacker copies alice's stanza under their own recipient: rotate would wrap the new data key for them
    const text = read('db.yaml');
    const [stanza] = / {8}- enc: \|\n(?: {12}.*\n)+ {10}recipient: age1\w+\n/.exec(text)!;
    const tampered = text.replace(stanza, `${stanza}${stanza.replace(alice.recipient, mallory.recipient)}`);
    write('db.yaml', tampered);

    const { code, io } = await secret('rotate', 'db.yaml');

    expect(code).toBe(1);
    expect(io.errors.join('\n')).toContain(
      `db.yaml: sops recipients differ from those of .sops.yaml creation_rules[0] (path_regex \\.yaml$): the file is encrypted for ${mallory.recipient}, which the rule does not name;`,
    );
    expect(io.errors.join('\n')).toContain(
      'db.yaml was left unchanged; if .sops.yaml is right, run `cdk8s-flux secret updatekeys db.yaml` first',
    );
    expect(read('db.yaml')).toBe(tampered);
  });

  test('GIVEN a file written by sops whose recipient was swapped WHEN rotate THEN it is refused; unswapped, it rotates', async () => {
    const vector = sharedDir('sops-vectors', 'real', 'third-party');
    const original = fs.readFileSync(path.join(vector, 'sops-3.12.2-age.enc.yaml'), 'utf8');
    env.SOPS_AGE_KEY = fs.readFileSync(path.join(vector, 'sops-3.12.2-age.key.txt'), 'utf8');
    const [owner] = readSopsMetadata(original, 'yaml').recipients;
    // the file has sops' default rule: so has the .sops.yaml rule
    sopsConfig([owner.id], '');
    // the data key stays wrapped for the owner, the recipient field now names the attacker
    const swapped = original.replace(owner.id, mallory.recipient);
    write('app.yaml', swapped);

    const refused = await secret('rotate', 'app.yaml');
    expect(refused.code).toBe(1);
    expect(refused.io.errors.join('\n')).toContain(
      `the file is encrypted for ${mallory.recipient}, which the rule does not name; the rule names ${owner.id}, for which the file holds no key`,
    );
    expect(read('app.yaml')).toBe(swapped);

    write('app.yaml', original);
    const rotated = await secret('rotate', 'app.yaml');
    expect(rotated.io.errors).toEqual([]);
    expect(rotated.code).toBe(0);
    const now = read('app.yaml');
    expect(now).not.toBe(original);
    expect(readSopsMetadata(now, 'yaml').recipients.map((r) => r.id)).toEqual([owner.id]);
  });

  test('GIVEN a tampered file WHEN rotate --trust-file-metadata THEN the file keys are used, as sops does', async () => {
    await createDb();
    write('db.yaml', read('db.yaml').replace(alice.recipient, mallory.recipient));

    const { code, io } = await secret('rotate', 'db.yaml', '--trust-file-metadata');

    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    // what the flag trusts: the swapped key can read the rotated file, alice no longer can
    expect(await canDecrypt(read('db.yaml'), mallory)).toBe(true);
    expect(await canDecrypt(read('db.yaml'), alice)).toBe(false);
  });

  test('GIVEN a key added to .sops.yaml but not to the file WHEN rotate THEN it says to run updatekeys; after it, rotate works', async () => {
    await createDb();
    const bob = await newKeyPair();
    sopsConfig([alice.recipient, bob.recipient]);

    const refused = await secret('rotate', 'db.yaml');
    expect(refused.code).toBe(1);
    expect(refused.io.errors.join('\n')).toContain(`the rule names ${bob.recipient}, for which the file holds no key`);

    expect((await secret('updatekeys', 'db.yaml')).code).toBe(0);
    const rotated = await secret('rotate', 'db.yaml');
    expect(rotated.io.errors).toEqual([]);
    expect(rotated.code).toBe(0);
    expect(await canDecrypt(read('db.yaml'), bob)).toBe(true);
  });

  test('GIVEN no .sops.yaml WHEN rotate THEN it is refused, naming --trust-file-metadata; with it, rotate works', async () => {
    await createDb();
    fs.rmSync(path.join(root, '.sops.yaml'));

    const refused = await secret('rotate', 'db.yaml');
    expect(refused.code).toBe(1);
    expect(refused.io.errors.join('\n')).toMatch(/\.sops\.yaml .*was not found.*pass --trust-file-metadata/);

    expect((await secret('rotate', 'db.yaml', '--trust-file-metadata')).code).toBe(0);
  });

  test('GIVEN --config naming another .sops.yaml WHEN rotate THEN that rule is the one compared', async () => {
    await createDb();
    write(
      'other/.sops.yaml',
      `creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n    age: ${mallory.recipient}\n`,
    );

    const { code, io } = await secret('rotate', 'db.yaml', '--config', 'other/.sops.yaml');

    expect(code).toBe(1);
    expect(io.errors.join('\n')).toContain(
      `other/.sops.yaml creation_rules[0]: the file is encrypted for ${alice.recipient}`,
    );
  });
});

describe('secret edit compares the encryption rule and recipients with .sops.yaml', () => {
  /** db.yaml with its encrypted_regex narrowed to data only, as an attacker who can write the file would. */
  async function narrowedDb(): Promise<string> {
    await createDb();
    const narrowed = read('db.yaml').replace('encrypted_regex: ^(data|stringData)$', 'encrypted_regex: ^data$');
    write('db.yaml', narrowed);
    // the MAC does not notice: the file still decrypts
    expect((await secret('decrypt', 'db.yaml')).code).toBe(0);
    return narrowed;
  }

  test('GIVEN a narrowed encrypted_regex WHEN edit THEN the editor is not opened and nothing changes', async () => {
    const narrowed = await narrowedDb();

    const { code, io } = await secret('edit', 'db.yaml');

    expect(code).toBe(1);
    expect(io.errors.join('\n')).toContain(
      'db.yaml: sops.encrypted_regex "^data$" differs from .sops.yaml creation_rules[0] (path_regex \\.yaml$), which has encrypted_regex "^(data|stringData)$"',
    );
    expect(fs.existsSync(editorRan)).toBe(false);
    expect(read('db.yaml')).toBe(narrowed);
  });

  test('GIVEN a narrowed encrypted_regex WHEN edit --trust-file-metadata adds a value THEN it is not written in clear', async () => {
    const narrowed = await narrowedDb();

    const { code, io } = await secret('edit', 'db.yaml', '--trust-file-metadata');

    expect(fs.existsSync(editorRan)).toBe(true);
    expect(code).toBe(1);
    const errors = io.errors.join('\n');
    expect(errors).toContain(
      `stringData.token would be written in clear text: the file's encryption rule (encrypted_regex "^data$") leaves it unencrypted; nothing was written`,
    );
    expect(errors).not.toContain(NEW_SECRET);
    expect(read('db.yaml')).toBe(narrowed);
    expect(read('db.yaml')).not.toContain(b64(NEW_SECRET));
  });

  test('GIVEN the rule of the file WHEN edit adds a stringData value THEN it is written encrypted', async () => {
    await createDb();

    const { code, io } = await secret('edit', 'db.yaml');

    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    expect(read('db.yaml')).toMatch(/stringData:\n {4}token: ENC\[AES256_GCM,/);
    expect(read('db.yaml')).not.toContain(NEW_SECRET);
  });

  test('GIVEN a swapped recipient WHEN edit THEN it is refused before the editor opens', async () => {
    await createDb();
    write('db.yaml', read('db.yaml').replace(alice.recipient, mallory.recipient));

    const { code, io } = await secret('edit', 'db.yaml');

    expect(code).toBe(1);
    expect(io.errors.join('\n')).toContain(`the file is encrypted for ${mallory.recipient}`);
    expect(fs.existsSync(editorRan)).toBe(false);
  });

  test('GIVEN mac_only_encrypted set in the file only WHEN edit THEN the difference is named', async () => {
    await createDb();
    write(
      'db.yaml',
      read('db.yaml').replace('    encrypted_regex:', '    mac_only_encrypted: true\n    encrypted_regex:'),
    );

    const { code, io } = await secret('edit', 'db.yaml');

    expect(code).toBe(1);
    expect(io.errors.join('\n')).toContain(
      'sops.mac_only_encrypted "true" differs from .sops.yaml creation_rules[0] (path_regex \\.yaml$), which has mac_only_encrypted: false',
    );
  });
});

describe('secret updatekeys and the encryption rule', () => {
  test('GIVEN a file whose encryption rule differs from .sops.yaml WHEN updatekeys THEN it warns that the rule is not applied', async () => {
    await createDb();
    write('db.yaml', read('db.yaml').replace('encrypted_regex: ^(data|stringData)$', 'encrypted_regex: ^data$'));

    const { code, io } = await secret('updatekeys', 'db.yaml');

    expect(code).toBe(0);
    expect(io.errors).toEqual([
      'warning: db.yaml: sops.encrypted_regex "^data$" differs from .sops.yaml creation_rules[0] (path_regex \\.yaml$), which has encrypted_regex "^(data|stringData)$"; the file\'s rule is not covered by its MAC, so it may have been changed to leave values in clear text; if .sops.yaml is right, restore the file from version control or encrypt its plaintext again',
    ]);
  });
});
