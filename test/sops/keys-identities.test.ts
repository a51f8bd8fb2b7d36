import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { splitCommandLine } from '../../lib/sops/keys/age-key-command';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { defaultAgeKeyFile, defaultKeyUnwrappers } from '../../lib/sops/keys/identities';
import { AgeStanza, KeyUnwrapper } from '../../lib/sops/keys/master-key';
import { describeWithTool } from '../support/tools';
import { hex, makeTemp, removeTemp } from './keys-support';

const DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

let home: string;
let identity: string;
let stanza: AgeStanza;

beforeEach(async () => {
  home = makeTemp('home');
  identity = await generateX25519Identity();
  stanza = await AgeRecipient.fromString(await identityToRecipient(identity)).wrap(DATA_KEY);
});
afterEach(() => removeTemp(home));

/** An environment with nothing but a temporary HOME (and PATH, to start programs). */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: home, PATH: process.env.PATH, ...extra };
}

function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function unwrapAll(unwrappers: KeyUnwrapper[]): Promise<(string | undefined)[]> {
  return Promise.all(unwrappers.map(async (u) => hex(await u.unwrap(stanza))));
}

describe('defaultKeyUnwrappers', () => {
  test('finds nothing in an empty home', () => {
    expect(defaultKeyUnwrappers(env(), { gpg: false })).toEqual([]);
  });

  test('SOPS_AGE_KEY: several keys, one per line, comments allowed', async () => {
    const other = await generateX25519Identity();
    const found = defaultKeyUnwrappers(env({ SOPS_AGE_KEY: `# mine\n${other}\n${identity}\n` }), { gpg: false });
    expect(found.map((u) => u.description)).toEqual(['age identities from SOPS_AGE_KEY']);
    expect(await unwrapAll(found)).toEqual([hex(DATA_KEY)]);
  });

  test('SOPS_AGE_KEY_FILE: a key file anywhere; a missing one is an error naming it', async () => {
    const file = write(path.join(home, 'elsewhere', 'age.txt'), `${identity}\n`);
    const found = defaultKeyUnwrappers(env({ SOPS_AGE_KEY_FILE: file }), { gpg: false });
    expect(found.map((u) => u.description)).toEqual([`age identities from SOPS_AGE_KEY_FILE (${file})`]);
    expect(await unwrapAll(found)).toEqual([hex(DATA_KEY)]);

    const missing = path.join(home, 'missing.txt');
    expect(() => defaultKeyUnwrappers(env({ SOPS_AGE_KEY_FILE: missing }), { gpg: false })).toThrow(
      `${missing}: age key file cannot be read (ENOENT)`,
    );
  });

  test('SOPS_AGE_KEY_CMD: runs the command, with SOPS_AGE_RECIPIENT set, when a stanza needs it', async () => {
    // GIVEN a command that prints the key and records the recipient it was asked for
    const seen = path.join(home, 'recipient-seen');
    const command = `sh -c 'printf "%s\\n" "$TEST_KEY"; printf "%s" "$SOPS_AGE_RECIPIENT" > "$TEST_SEEN"'`;
    const found = defaultKeyUnwrappers(env({ SOPS_AGE_KEY_CMD: command, TEST_KEY: identity, TEST_SEEN: seen }), {
      gpg: false,
    });
    expect(found.map((u) => u.description)).toEqual(['age identities from SOPS_AGE_KEY_CMD']);
    expect(fs.existsSync(seen)).toBe(false); // not run yet

    // WHEN / THEN it unwraps, and the command saw the stanza's recipient
    expect(await unwrapAll(found)).toEqual([hex(DATA_KEY)]);
    expect(fs.readFileSync(seen, 'utf8')).toBe(stanza.recipient);
  });

  test('SOPS_AGE_KEY_CMD: a failing command is reported with its exit code', async () => {
    const found = defaultKeyUnwrappers(env({ SOPS_AGE_KEY_CMD: `sh -c 'echo locked >&2; exit 3'` }), { gpg: false });
    await expect(found[0].unwrap(stanza)).rejects.toThrow(/SOPS_AGE_KEY_CMD .* failed: exit code 3: locked/);
  });

  test('the default key file under XDG_CONFIG_HOME', async () => {
    const xdg = path.join(home, 'xdg');
    const file = write(path.join(xdg, 'sops', 'age', 'keys.txt'), `${identity}\n`);
    const found = defaultKeyUnwrappers(env({ XDG_CONFIG_HOME: xdg }), { gpg: false, platform: 'linux' });
    expect(found.map((u) => u.description)).toEqual([`age identities from ${file}`]);
    expect(await unwrapAll(found)).toEqual([hex(DATA_KEY)]);
  });

  test('the default key file under ~/.config when XDG_CONFIG_HOME is not set', async () => {
    const file = write(path.join(home, '.config', 'sops', 'age', 'keys.txt'), `${identity}\n`);
    const found = defaultKeyUnwrappers(env(), { gpg: false, platform: 'linux' });
    expect(found.map((u) => u.description)).toEqual([`age identities from ${file}`]);
    expect(await unwrapAll(found)).toEqual([hex(DATA_KEY)]);
  });

  test('uses every source together, in sops order', () => {
    const keyFile = write(path.join(home, 'k.txt'), `${identity}\n`);
    write(path.join(home, '.config', 'sops', 'age', 'keys.txt'), `${identity}\n`);
    const found = defaultKeyUnwrappers(env({ SOPS_AGE_KEY: identity, SOPS_AGE_KEY_FILE: keyFile }), {
      gpg: false,
      platform: 'linux',
    });
    expect(found.map((u) => u.description)).toEqual([
      'age identities from SOPS_AGE_KEY',
      `age identities from SOPS_AGE_KEY_FILE (${keyFile})`,
      `age identities from ${path.join(home, '.config', 'sops', 'age', 'keys.txt')}`,
    ]);
  });

  test('skips the gpg keyring when the gpg program cannot be started', () => {
    const found = defaultKeyUnwrappers(env({ SOPS_GPG_EXEC: 'gpg-that-does-not-exist' }));
    expect(found).toEqual([]);
  });
});

describeWithTool('gpg', 'apt-get install gnupg', 'defaultKeyUnwrappers with gpg', () => {
  test('adds the gpg keyring of GNUPGHOME last', () => {
    const gnupg = path.join(home, 'gnupg');
    const found = defaultKeyUnwrappers(env({ SOPS_AGE_KEY: identity, GNUPGHOME: gnupg }));
    expect(found.map((u) => u.description)).toEqual(['age identities from SOPS_AGE_KEY', `gpg keyring at ${gnupg}`]);
  });
});

describe('defaultAgeKeyFile', () => {
  test.each<[NodeJS.Platform, NodeJS.ProcessEnv, string | undefined]>([
    ['linux', { HOME: '/home/u' }, '/home/u/.config/sops/age/keys.txt'],
    ['linux', { HOME: '/home/u', XDG_CONFIG_HOME: '/xdg' }, '/xdg/sops/age/keys.txt'],
    ['linux', { HOME: '/home/u', XDG_CONFIG_HOME: 'relative' }, undefined],
    ['darwin', { HOME: '/Users/u' }, '/Users/u/Library/Application Support/sops/age/keys.txt'],
    ['darwin', { HOME: '/Users/u', XDG_CONFIG_HOME: '/xdg' }, '/xdg/sops/age/keys.txt'],
    ['win32', { AppData: 'C:/Users/u/AppData/Roaming' }, 'C:/Users/u/AppData/Roaming/sops/age/keys.txt'],
  ])('on %s with %j: %s', (platform, environment, expected) => {
    expect(defaultAgeKeyFile(environment, platform)).toBe(expected);
  });
});

describe('splitCommandLine', () => {
  test.each<[string, string[]]>([
    ['pass show sops/key', ['pass', 'show', 'sops/key']],
    [`op read "op://vault/sops age/key"`, ['op', 'read', 'op://vault/sops age/key']],
    [`sh -c 'echo "$X"'`, ['sh', '-c', 'echo "$X"']],
    [`a\\ b "c\\"d" ''`, ['a b', 'c"d', '']],
  ])('%s', (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  test('rejects an unclosed quote and an empty command', () => {
    expect(() => splitCommandLine(`echo 'oops`)).toThrow(/has an unclosed ' quote/);
    expect(() => splitCommandLine('   ')).toThrow(/is empty/);
  });
});
