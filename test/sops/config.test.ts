import * as fs from 'fs';
import * as path from 'path';
import { SopsError } from '../../lib/sops/errors';
import {
  findCreationRule,
  loadCreationRule,
  matchCreationRule,
  resolveCreationRule,
  sopsConfigFile,
  sopsRulePath,
} from '../../lib/sops/config/creation-rule';
import { findSopsConfig } from '../../lib/sops/config/find-sops-config';
import { parseSopsConfig, readSopsConfig } from '../../lib/sops/config/parse-sops-config';
import { renderSopsConfig } from '../../lib/sops/config/render-sops-config';
import { SopsConfigRule } from '../../lib/sops/config/sops-config';
import { EncryptionRuleKind } from '../../lib/sops/core/encryption-rule';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { PgpPublicKeys } from '../../lib/sops/keys/pgp-recipient';
import { compileSopsConfigRegex } from '../../lib/sops/go/re2';
import { makeTemp, removeTemp, vector } from './keys-support';

const AGE_A = 'age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw';
const AGE_B = 'age1a8pk4akrdamj7nvqy3zywgtny8dxz7t5xzu7u8v9mhrayp9freqsqatyrs';
const FBC7 = 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4';
const FP_7FB8 = '7FB89715AADA920D65D25E63F9BA9DEBD03F57C0';

let root: string;
beforeEach(() => {
  root = makeTemp('sops-config');
});
afterEach(() => removeTemp(root));

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** The message of what `fn` throws. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SopsError);
    expect((e as SopsError).code).toBe('config');
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('findSopsConfig', () => {
  test('searches from the start folder upwards and takes the nearest .sops.yaml', () => {
    // GIVEN a .sops.yaml at the root and one in a sub-folder, and a .sops.yml (ignored by sops) deeper down
    const top = write('.sops.yaml', 'creation_rules: []\n');
    const nearer = write('clusters/.sops.yaml', 'creation_rules: []\n');
    write('clusters/prod/apps/.sops.yml', 'creation_rules: []\n');
    fs.mkdirSync(path.join(root, 'clusters/prod/apps/podinfo'), { recursive: true });

    // WHEN / THEN
    expect(findSopsConfig(path.join(root, 'clusters/prod/apps/podinfo'))).toBe(nearer);
    expect(findSopsConfig(path.join(root, 'clusters'))).toBe(nearer);
    expect(findSopsConfig(root)).toBe(top);
  });

  test('returns undefined when no folder up to the file-system root has one', () => {
    const start = path.join(root, 'a', 'b');
    fs.mkdirSync(start, { recursive: true });
    const above = [path.dirname(root), '/'].some((d) => fs.existsSync(path.join(d, '.sops.yaml')));
    expect(findSopsConfig(start)).toEqual(above ? expect.any(String) : undefined);
  });
});

describe('matching a file to a creation rule', () => {
  const config = (text: string) => parseSopsConfig(text, path.join(root, '.sops.yaml'));

  test('path_regex sees the path relative to the .sops.yaml folder, whatever the working directory', () => {
    // GIVEN a rule anchored at the config folder
    const c = config(`creation_rules:\n  - path_regex: ^clusters/prod/.*\\.yaml$\n    age: ${AGE_A}\n`);

    // WHEN the file is given relative to a sub-folder working directory, or absolute
    const fromSubfolder = matchCreationRule(c, 'prod/secret.yaml', path.join(root, 'clusters'));
    const absolute = matchCreationRule(c, path.join(root, 'clusters/prod/secret.yaml'), '/');

    // THEN both match the rule
    expect(fromSubfolder.index).toBe(0);
    expect(absolute.index).toBe(0);
    expect(sopsRulePath(c.file, 'prod/secret.yaml', path.join(root, 'clusters'))).toBe('clusters/prod/secret.yaml');
  });

  test('a file outside the config folder is matched by its absolute path', () => {
    expect(sopsRulePath(path.join(root, 'repo/.sops.yaml'), '/elsewhere/secret.yaml')).toBe('/elsewhere/secret.yaml');
    expect(sopsRulePath(path.join(root, 'repo/.sops.yaml'), path.join(root, 'repository/x.yaml'))).toBe(
      path.join(root, 'repository/x.yaml'),
    );
  });

  test('the first matching rule wins, and a rule without path_regex matches everything', () => {
    const c = config(
      [
        'creation_rules:',
        '  - path_regex: prod',
        `    age: ${AGE_A}`,
        '  - path_regex: \\.yaml$',
        `    age: ${AGE_B}`,
        `  - pgp: ${FBC7}`,
        '  - path_regex: never-reached',
        `    age: ${AGE_A}`,
      ].join('\n'),
    );
    expect(matchCreationRule(c, 'clusters/prod/a.yaml', root).index).toBe(0); // matches rules 0 and 1
    expect(matchCreationRule(c, 'clusters/dev/a.yaml', root).index).toBe(1);
    expect(matchCreationRule(c, 'never-reached.json', root).index).toBe(2);
  });

  test('no match: the error shows the path and every path_regex tried', () => {
    const c = config(
      `creation_rules:\n  - path_regex: ^apps/\n    age: ${AGE_A}\n  - path_regex: ^infra/.*\\.yaml$\n    age: ${AGE_A}\n`,
    );
    expect(errorOf(() => matchCreationRule(c, 'clusters/x.yaml', root))).toBe(
      `${c.file}: creation_rules "clusters/x.yaml" has no rule for this path; path_regex tried, in order: ` +
        `"^apps/", "^infra/.*\\\\.yaml$"; add a rule whose path_regex matches the path (relative to the .sops.yaml ` +
        'folder), or a last rule without path_regex',
    );
  });

  test('a config without creation_rules says so', () => {
    expect(errorOf(() => matchCreationRule(config('stores:\n  yaml:\n    indent: 2\n'), 'a.yaml', root))).toMatch(
      /creation_rules is missing or empty/,
    );
  });
});

describe('parsing creation rules', () => {
  const parse = (text: string) => parseSopsConfig(text, path.join(root, '.sops.yaml')).rules;

  test('comma-separated key lists: trimmed, empty entries dropped, fingerprints normalised', () => {
    const [rule] = parse(
      `creation_rules:\n  - age: " ${AGE_A} ,${AGE_B},"\n    pgp: "fbc7 b9e2 a4f9 289a c0c1 d484 3d16 cee4 a273 81b4, ${FP_7FB8}"\n`,
    );
    expect(rule.keyGroups).toEqual([{ age: [AGE_A, AGE_B], pgp: [FBC7, FP_7FB8] }]);
  });

  test('YAML lists of keys are accepted too', () => {
    const [rule] = parse(`creation_rules:\n  - age:\n      - ${AGE_A}\n      - ${AGE_B}\n`);
    expect(rule.keyGroups).toEqual([{ age: [AGE_A, AGE_B], pgp: [] }]);
  });

  test('key_groups with shamir_threshold, merged sub-groups and duplicates removed', () => {
    const [rule] = parse(
      [
        'creation_rules:',
        '  - path_regex: secrets/',
        '    age: age1ignoredbecausekeygroupsisset',
        '    shamir_threshold: 2',
        '    key_groups:',
        `      - age: [${AGE_A}, ${AGE_A}]`,
        `        pgp: [${FBC7}]`,
        `      - merge:`,
        `          - age: [${AGE_B}]`,
        `          - pgp: [${FP_7FB8}]`,
        `      - age: ["${AGE_A},${AGE_B}"]`,
      ].join('\n'),
    );
    expect(rule).toEqual({
      pathRegex: 'secrets/',
      shamirThreshold: 2,
      keyGroups: [
        { age: [AGE_A], pgp: [FBC7] },
        { age: [AGE_B], pgp: [FP_7FB8] },
        { age: [AGE_A, AGE_B], pgp: [] },
      ],
    });
  });

  test('the encryption rule and mac_only_encrypted', () => {
    const [a, b] = parse(
      `creation_rules:\n  - encrypted_regex: ^(data|stringData)$\n    mac_only_encrypted: true\n    age: ${AGE_A}\n` +
        `  - unencrypted_suffix: _plain\n    age: ${AGE_A}\n`,
    );
    expect(a.encryptionRule).toEqual({ kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' });
    expect(a.macOnlyEncrypted).toBe(true);
    expect(b.encryptionRule).toEqual({ kind: EncryptionRuleKind.UNENCRYPTED_SUFFIX, pattern: '_plain' });
    expect(b.macOnlyEncrypted).toBeUndefined();
  });

  test('KMS and other key kinds: a clear error that only age and pgp are supported', () => {
    const message = errorOf(() =>
      parse(
        'creation_rules:\n  - kms: arn:aws:kms:us-east-1:111122223333:key/x\n' +
          '    key_groups:\n      - gcp_kms:\n          - resource_id: projects/p/keyRings/r/cryptoKeys/k\n',
      ),
    );
    expect(message).toContain('creation_rules[0].kms names kms keys; this library supports age and pgp keys only');
    expect(message).toContain('creation_rules[0].key_groups[0].gcp_kms names gcp_kms keys');
  });

  test('a field sops would silently ignore is an error with a suggestion (the real humphd .sops.yaml)', () => {
    const message = errorOf(() => readSopsConfig(vector('real/humphd-sops-age/dot-sops.yaml')));
    expect(message).toMatch(
      /creation_rules\[0\]\.path_regexp is not a sops creation-rule field .*did you mean "path_regex"/,
    );
  });

  test('every problem of the file is reported at once', () => {
    const error = (() => {
      try {
        parse(
          [
            'creation_rules:',
            '  - path_regex: "(?=lookahead)"',
            '    age: age1broken',
            '    pgp: 1234',
            '    encrypted_regex: a',
            '    unencrypted_suffix: b',
            '  - shamir_threshold: 3',
            `    key_groups: [{age: [${AGE_A}]}]`,
          ].join('\n'),
        );
      } catch (e) {
        return e as SopsError;
      }
      throw new Error('expected an error');
    })();
    expect(error.problems.map((i) => `${i.field}: ${i.problem}`)).toEqual([
      'creation_rules[0].path_regex: uses look-around "(?=", which Go regular expressions (RE2) do not support the same way',
      'creation_rules[0].age: is not an age recipient (age plugin recipients are not supported)',
      'creation_rules[0].pgp: is not an OpenPGP key fingerprint',
      'creation_rules[0]: sets more than one encryption rule',
      'creation_rules[1].shamir_threshold: is more than the 1 key group(s) of the rule',
    ]);
    expect(error.problems.every((i) => i.file === path.join(root, '.sops.yaml'))).toBe(true);
    expect(error.problems.map((i) => i.code)).toEqual(['config', 'key', 'key', 'config', 'config']);
  });

  test('reads the .sops.yaml of the sops functional tests', () => {
    const config = readSopsConfig(vector('real/getsops-sops/functional-tests.sops.yaml'));
    expect(config.rules.map((r) => [r.pathRegex, r.keyGroups.length])).toEqual([
      ['test_roundtrip_keygroups.yaml', 2],
      ['test_roundtrip_keygroups_missing_decryption_key.yaml', 2],
      ['test_no_keygroups.yaml', 0],
      ['test_zero_keygroups.yaml', 0],
      ['test_empty_keygroup.yaml', 1],
      [undefined, 1],
    ]);
  });
});

describe('resolving a rule to recipients', () => {
  const functional = () => readSopsConfig(vector('real/getsops-sops/functional-tests.sops.yaml'));

  test('PGP fingerprints are looked up in the key source given; age recipients are parsed', async () => {
    const config = parseSopsConfig(
      `creation_rules:\n  - path_regex: x\n    encrypted_regex: ^data$\n    age: ${AGE_A}\n    pgp: ${FBC7}\n`,
      path.join(root, '.sops.yaml'),
    );
    const pgpKeys = await PgpPublicKeys.fromArmoredFile(vector('generated/pgp-FBC7-pub.asc'));
    const rule = await resolveCreationRule(matchCreationRule(config, 'x', root), { pgpKeys });
    expect(rule).toMatchObject({
      configFile: config.file,
      index: 0,
      pathRegex: 'x',
      encryptionRule: { kind: 'encrypted_regex', pattern: '^data$' },
      macOnlyEncrypted: false,
    });
    expect(rule.shamirThreshold).toBeUndefined();
    expect(rule.keyGroups.map((g) => g.map((r) => [r.type, r.id]))).toEqual([
      [
        ['age', AGE_A],
        ['pgp', FBC7],
      ],
    ]);
    expect(rule.keyGroups[0][0]).toBeInstanceOf(AgeRecipient);
  });

  test('several key groups get the group count as threshold unless one is set', async () => {
    const config = parseSopsConfig(
      `creation_rules:\n  - key_groups:\n      - age: [${AGE_A}]\n      - age: [${AGE_B}]\n`,
      path.join(root, '.sops.yaml'),
    );
    const rule = await resolveCreationRule(matchCreationRule(config, 'a.yaml', root));
    expect(rule.keyGroups.map((g) => g.map((r) => r.id))).toEqual([[AGE_A], [AGE_B]]);
    expect(rule.shamirThreshold).toBe(2);
  });

  test('a rule without keys, and fingerprints the key source lacks, are reported together', async () => {
    const pgpKeys = await PgpPublicKeys.fromArmoredFile(vector('real/sops-nix/key.asc'));
    const config = functional();
    await expect(resolveCreationRule(matchCreationRule(config, 'test_no_keygroups.yaml', root))).rejects.toThrow(
      /creation_rules\[2\] names no age or pgp key/,
    );
    const error = await resolveCreationRule(matchCreationRule(config, 'test_roundtrip_keygroups.yaml', root), {
      pgpKeys,
    }).catch((e: SopsError) => e);
    expect((error as SopsError).problems.map((i) => `${i.field} ${i.value}`)).toEqual([
      `creation_rules[0].key_groups[0].pgp ${FBC7}`,
      'creation_rules[0].key_groups[1].pgp D7229043384BCC60326C6FB9D8720D957C3D3074',
    ]);
  });

  test('the catch-all rule of the functional tests resolves to the FBC7 public key', async () => {
    const pgpKeys = await PgpPublicKeys.fromArmoredFile(vector('generated/pgp-FBC7-pub.asc'));
    const rule = await resolveCreationRule(matchCreationRule(functional(), 'anything.yaml', root), { pgpKeys });
    expect(rule.index).toBe(5);
    expect(rule.keyGroups.map((g) => g.map((r) => r.id))).toEqual([[FBC7]]);
  });
});

describe('finding the creation rule for a file as sops does', () => {
  const rule = (regex: string, age: string) => `  - path_regex: ${regex}\n    age: ${age}\n`;

  test('GIVEN a .sops.yaml in the working folder and a nearer one beside the file WHEN looking up THEN the working folder one is used', () => {
    const top = write('.sops.yaml', `creation_rules:\n${rule('secrets/', AGE_A)}`);
    write('secrets/.sops.yaml', `creation_rules:\n${rule('', AGE_B)}`);
    const found = findCreationRule('secrets/db.yaml', { cwd: root, env: {} });
    expect(found.config.file).toBe(top);
    expect(found.rule.keyGroups[0].age).toEqual([AGE_A]);
  });

  test('GIVEN a working folder below the .sops.yaml WHEN looking up THEN the search climbs and path_regex sees the path from the config folder', () => {
    write('.sops.yaml', `creation_rules:\n${rule('^clusters/prod/', AGE_A)}${rule('^prod/', AGE_B)}`);
    const cwd = path.join(root, 'clusters');
    fs.mkdirSync(path.join(cwd, 'prod'), { recursive: true });
    expect(findCreationRule('prod/db.yaml', { cwd, env: {} }).index).toBe(0);
  });

  test('GIVEN --config and SOPS_CONFIG WHEN looking up THEN --config wins, then SOPS_CONFIG, and an empty one counts as unset', () => {
    const searched = write('.sops.yaml', `creation_rules:\n${rule('', AGE_A)}`);
    const viaEnv = write('env/sops.yaml', `creation_rules:\n${rule('', AGE_B)}`);
    const viaFlag = write('flag/sops.yaml', `creation_rules:\n${rule('', AGE_B)}`);
    expect(sopsConfigFile({ cwd: root, configFile: 'flag/sops.yaml', env: { SOPS_CONFIG: viaEnv } })).toBe(viaFlag);
    expect(sopsConfigFile({ cwd: root, env: { SOPS_CONFIG: 'env/sops.yaml' } })).toBe(viaEnv);
    expect(sopsConfigFile({ cwd: root, configFile: '', env: { SOPS_CONFIG: '' } })).toBe(searched);
    expect(findCreationRule('x.yaml', { cwd: root, env: { SOPS_CONFIG: '' } }).config.file).toBe(searched);
  });

  test('GIVEN a named config elsewhere WHEN the file is below it THEN path_regex sees the path relative to that config', () => {
    write('cfg/.sops.yaml', `creation_rules:\n${rule('^apps/', AGE_A)}${rule('', AGE_B)}`);
    const lookup = { cwd: root, configFile: 'cfg/.sops.yaml', env: {} };
    expect(findCreationRule('cfg/apps/a.yaml', lookup).index).toBe(0);
    // outside the config folder the whole absolute path is matched, so ^apps/ does not match apps/a.yaml at the root
    expect(findCreationRule('apps/a.yaml', lookup).index).toBe(1);
  });

  test('GIVEN rules that both match WHEN looking up THEN the first one wins, and path_regex is unanchored', () => {
    write('.sops.yaml', `creation_rules:\n${rule('db', AGE_A)}${rule('\\.yaml$', AGE_B)}`);
    expect(findCreationRule('secrets/prod-db.yaml', { cwd: root, env: {} }).index).toBe(0);
    expect(findCreationRule('secrets/web.yaml', { cwd: root, env: {} }).index).toBe(1);
  });
});

describe('loadCreationRule', () => {
  test('finds the config from the working directory, matches, resolves; the recipient can wrap', async () => {
    write('.sops.yaml', `creation_rules:\n  - path_regex: ^clusters/.*\\.sops\\.yaml$\n    age: ${AGE_A}\n`);
    const cwd = path.join(root, 'clusters', 'prod');
    fs.mkdirSync(cwd, { recursive: true });
    const rule = await loadCreationRule('db.sops.yaml', { cwd, env: {} });
    expect(rule.configFile).toBe(path.join(root, '.sops.yaml'));
    const stanza = await rule.keyGroups[0][0].wrap(new Uint8Array(32));
    expect(stanza).toMatchObject({ type: 'age', recipient: AGE_A });
  });

  test('SOPS_CONFIG and configFile override the search', async () => {
    write('.sops.yaml', `creation_rules:\n  - age: ${AGE_A}\n`);
    const other = write('config/other.yaml', `creation_rules:\n  - age: ${AGE_B}\n`);
    const viaEnv = await loadCreationRule('x.yaml', { cwd: root, env: { SOPS_CONFIG: other } });
    const viaOption = await loadCreationRule('x.yaml', { cwd: root, configFile: 'config/other.yaml', env: {} });
    expect(viaEnv.keyGroups[0][0].id).toBe(AGE_B);
    expect(viaOption.keyGroups[0][0].id).toBe(AGE_B);
  });

  test('GIVEN no .sops.yaml WHEN a rule is looked for THEN the error names the file as given, not the machine path', async () => {
    const cwd = path.join(root, 'empty');
    fs.mkdirSync(cwd);
    const found = findSopsConfig(cwd);
    if (found === undefined) {
      const error = await loadCreationRule('secrets/x.yaml', { cwd, env: {} }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(SopsError);
      expect((error as Error).message).toMatch(
        /^secrets\/x\.yaml: \.sops\.yaml was not found in the working folder or any folder above it/,
      );
      expect((error as Error).message).not.toContain(cwd);
    }
  });
});

describe('renderSopsConfig', () => {
  const rules: SopsConfigRule[] = [
    {
      pathRegex: '^clusters/prod/.*\\.sops\\.yaml$',
      keyGroups: [{ age: [AGE_A, AGE_B], pgp: [FBC7] }],
      encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^(data|stringData)$' },
    },
    {
      pathRegex: ': # needs quotes',
      keyGroups: [
        { age: [AGE_A], pgp: [] },
        { age: [], pgp: [FP_7FB8] },
      ],
      shamirThreshold: 1,
      macOnlyEncrypted: true,
    },
    { keyGroups: [{ age: [AGE_B], pgp: [] }] },
  ];

  test('writes the expected text', () => {
    expect(renderSopsConfig(rules, { comment: 'Written by cdk8s-flux.' })).toBe(
      [
        '# Written by cdk8s-flux.',
        '',
        'creation_rules:',
        '  - path_regex: ^clusters/prod/.*\\.sops\\.yaml$',
        '    encrypted_regex: ^(data|stringData)$',
        `    age: ${AGE_A},${AGE_B}`,
        `    pgp: ${FBC7}`,
        '  - path_regex: ": # needs quotes"',
        '    mac_only_encrypted: true',
        '    key_groups:',
        '      - age:',
        `          - ${AGE_A}`,
        '      - pgp:',
        `          - ${FP_7FB8}`,
        '    shamir_threshold: 1',
        `  - age: ${AGE_B}`,
        '',
      ].join('\n'),
    );
  });

  test('is stable and reads back to the same rules', () => {
    const text = renderSopsConfig(rules);
    expect(renderSopsConfig(rules)).toBe(text);
    expect(parseSopsConfig(text, path.join(root, '.sops.yaml')).rules).toEqual(rules);
  });

  test('upper-cases fingerprints and refuses rules that could not encrypt anything', () => {
    const text = renderSopsConfig([{ keyGroups: [{ age: [], pgp: [FBC7.toLowerCase()] }] }]);
    expect(text).toBe(`creation_rules:\n  - pgp: ${FBC7}\n`);
    const message = errorOf(() =>
      renderSopsConfig([{ keyGroups: [] }, { pathRegex: '(?<=x)', keyGroups: [{ age: ['age1nope'], pgp: [] }] }]),
    );
    expect(message).toMatch(/^3 problems found/);
    expect(message).toContain('creation_rules[0] names no age or pgp key');
    expect(message).toContain('creation_rules[1].path_regex "(?<=x)" uses');
    expect(message).toContain('creation_rules[1].age "age1nope" is not an age recipient');
  });
});

describe('compileSopsConfigRegex', () => {
  const site = { field: 'path_regex' };
  test.each<[string, string, boolean]>([
    ['(?i)^SECRETS/', 'secrets/a.yaml', true],
    ['^(?P<env>prod|dev)/', 'prod/x', true],
    ['\\Aprod\\z', 'prod', true],
    ['\\Aprod\\z', 'prod/x', false],
    ['^[[:alpha:]]+\\.yaml$', 'abc.yaml', true],
    ['^[[:alpha:]]+\\.yaml$', 'a1.yaml', false],
    ['\\Q.sops.yaml\\E$', 'x.sops.yaml', true],
    ['\\Q.sops.yaml\\E$', 'x-sops-yaml', false],
    ['^a\\-b\\@c$', 'a-b@c', true],
    ['secret', 'clusters/secret/x', true],
  ])('%s against %s: %s', (pattern, input, expected) => {
    expect(compileSopsConfigRegex(pattern, site).test(input)).toBe(expected);
  });

  test('rejects syntax RE2 does not have', () => {
    expect(() => compileSopsConfigRegex('a(?!b)', site)).toThrow(/look-around/);
    expect(() => compileSopsConfigRegex('(a)\\1', site)).toThrow(/back-reference/);
    expect(() => compileSopsConfigRegex('(unclosed', site)).toThrow(/is not a valid regular expression/);
  });
});
