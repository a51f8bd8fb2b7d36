import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { FluxApp } from '../../lib';
import { decryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { AgeIdentities } from '../../lib/sops/keys/age-identities';
import { PgpIdentities } from '../../lib/sops/keys/pgp-identities';
import { generateSopsConfig } from '../../lib/secrets/generate-sops-config';
import { EXAMPLE_AGE_RECIPIENT, EXAMPLE_PGP_FINGERPRINT, homelab } from '../../main';
import { describeWithTool } from '../support/tools';
import { tempDir } from '../support/temp';

const EXAMPLE_KEY_FILE = path.join(__dirname, '..', 'fixtures', 'example-age-key.NEVER-USE.txt');
const EXAMPLE_PGP_KEY_FILE = path.join(__dirname, '..', 'fixtures', 'example-pgp-key.NEVER-USE.asc');
const SECRET_FILE = 'cluster-resources/services/podinfo/secret-podinfo-secret.yaml';

function exampleTree(): ReadonlyMap<string, string> {
  const app = new FluxApp({ outdir: tempDir() });
  homelab(app);
  return app.synthTree();
}

function fileOf(tree: ReadonlyMap<string, string>, name: string): string {
  const text = tree.get(name);
  if (text === undefined) throw new Error(`the example tree has no ${name}`);
  return text;
}

describe("the example cluster's podinfo-secret", () => {
  test('is written encrypted: only the value is ciphertext, apiVersion, kind and metadata stay readable', () => {
    const text = fileOf(exampleTree(), SECRET_FILE);
    const secret = parse(text) as Record<string, Record<string, unknown>>;
    expect(secret.metadata).toEqual({ name: 'podinfo-secret', namespace: 'default' });
    expect(secret.stringData.SECRET).toMatch(/^ENC\[AES256_GCM,data:[^,]+,iv:[^,]+,tag:[^,]+,type:str\]$/);
    expect(text).not.toContain('top-secret-data');
    expect(secret.sops.mac).toMatch(/^ENC\[AES256_GCM,/);
  });

  test.each([
    ['age', () => Promise.resolve(AgeIdentities.fromFile(EXAMPLE_KEY_FILE))],
    ['PGP', () => PgpIdentities.fromArmoredFile(EXAMPLE_PGP_KEY_FILE)],
  ])('decrypts with the example %s key alone to the seed value, MAC verified', async (_kind, identities) => {
    const { plaintext } = await decryptSopsFile(fileOf(exampleTree(), SECRET_FILE), {
      format: 'yaml',
      unwrappers: [await identities()],
      fileName: SECRET_FILE,
    });
    expect(parse(plaintext)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'podinfo-secret', namespace: 'default' },
      type: 'Opaque',
      stringData: { SECRET: 'top-secret-data' },
    });
  });

  test("the example keys' public halves are the cluster keys main.ts declares, and the file is encrypted for both", async () => {
    expect(await AgeIdentities.fromFile(EXAMPLE_KEY_FILE).recipients()).toEqual([EXAMPLE_AGE_RECIPIENT]);
    const secret = parse(fileOf(exampleTree(), SECRET_FILE)) as {
      sops: { age: { recipient: string }[]; pgp: { fp: string }[] };
    };
    expect(secret.sops.age.map((s) => s.recipient)).toEqual([EXAMPLE_AGE_RECIPIENT]);
    expect(secret.sops.pgp.map((s) => s.fp)).toEqual([EXAMPLE_PGP_FINGERPRINT]);
  });

  test('exactly the Flux Kustomization of the folder holding it gets SOPS decryption', () => {
    const tree = exampleTree();
    const withDecryption = [...tree.entries()]
      .filter(([name]) => /^cluster-resources\/flux\/(infrastructure|services)\/[^/]+\.yaml$/.test(name))
      .filter(([, text]) => (parse(text) as { spec?: { decryption?: unknown } }).spec?.decryption !== undefined)
      .map(([name, text]) => [name, (parse(text) as { spec: { decryption: unknown } }).spec.decryption]);
    expect(withDecryption).toEqual([
      ['cluster-resources/flux/services/podinfo.yaml', { provider: 'sops', secretRef: { name: 'sops-gpg' } }],
    ]);
  });

  test('the committed .sops.yaml is the one generateSopsConfig(app) writes', () => {
    const app = new FluxApp({ outdir: tempDir() });
    homelab(app);
    const root = path.join(__dirname, '..', '..');
    expect(fs.readFileSync(path.join(root, '.sops.yaml'), 'utf8')).toBe(generateSopsConfig(app, { configDir: root }));
  });
});

describeWithTool('age', 'apt-get install age', 'the age program and the example secret', () => {
  test("recovers the secret's data key with the example key", () => {
    const secret = parse(fileOf(exampleTree(), SECRET_FILE)) as { sops: { age: { enc: string }[] } };
    const result = spawnSync('age', ['--decrypt', '-i', EXAMPLE_KEY_FILE], { input: secret.sops.age[0].enc });
    expect(result.stderr.toString()).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBe(32);
  });
});

describeWithTool('gpg', 'apt-get install gnupg', 'gpg and the example secret', () => {
  test("recovers the secret's data key with the example PGP key imported into a fresh keyring", () => {
    const home = tempDir();
    const gpg = (args: string[], input?: string) =>
      spawnSync('gpg', ['--batch', '--quiet', '--homedir', home, ...args], { input });
    expect(gpg(['--import', EXAMPLE_PGP_KEY_FILE]).status).toBe(0);
    const secret = parse(fileOf(exampleTree(), SECRET_FILE)) as { sops: { pgp: { enc: string }[] } };
    const result = gpg(['--decrypt'], secret.sops.pgp[0].enc);
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBe(32);
  });
});
