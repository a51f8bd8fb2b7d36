import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { parse } from 'yaml';
import { runCli } from '../../lib/cli/main';
import { tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const savedCwd = process.cwd();
const savedEnv = { ...process.env };

/** A project in a temp folder whose one service holds a SopsSecret whose file is not written yet. */
function project(recipient: string): { dir: string; app: string; secretFile: string } {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'app.ts'),
    `import { FluxApp, GitOpsRepository, SopsSecret } from ${JSON.stringify(path.join(root, 'lib'))};
const app = new FluxApp({ outdir: 'tree' });
const repo = new GitOpsRepository(app, 'lab', { url: 'ssh://git@github.com/o/lab', sops: { ageRecipient: ${JSON.stringify(recipient)} } });
SopsSecret.fromFile(repo.service('podinfo'), 'podinfo-secret', 'secrets/podinfo/podinfo-secret.yaml', { namespace: 'default' });
app.synth();
`,
  );
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), `app: ${tsx} app.ts\n`);
  return { dir, app: `${tsx} app.ts`, secretFile: path.join(dir, 'secrets/podinfo/podinfo-secret.yaml') };
}

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

afterEach(() => {
  process.chdir(savedCwd);
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
});

describe('cdk8s-flux sops init', () => {
  test('GIVEN an app whose secret file does not exist yet WHEN sops init, secret create, synth THEN all three work', async () => {
    // GIVEN a cluster key and a project whose SopsSecret file is still missing
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    const { dir, secretFile } = project(recipient);
    process.chdir(dir);
    delete process.env.SOPS_CONFIG;

    // WHEN .sops.yaml is written from the app's keys (the app itself cannot synthesize yet)
    const init = await cli('sops', 'init');

    // THEN it holds one rule for the secret's folder, for the cluster key
    expect(init.err).toEqual([]);
    expect(init.out).toEqual(['wrote .sops.yaml']);
    const config = parse(fs.readFileSync(path.join(dir, '.sops.yaml'), 'utf8')) as {
      creation_rules: Record<string, string>[];
    };
    expect(config.creation_rules).toEqual([
      {
        path_regex: '^secrets/podinfo/[^/]+\\.(yaml|yml|json)$',
        encrypted_regex: '^(data|stringData)$',
        age: recipient,
      },
    ]);

    // AND running it again changes nothing
    expect((await cli('sops', 'init')).out).toEqual([
      ".sops.yaml is already what the app's keys give; nothing written",
    ]);

    // WHEN the secret is created with the rule, THEN the app synthesizes with the encrypted file
    const create = await cli(
      'secret',
      'create',
      'secrets/podinfo/podinfo-secret.yaml',
      '--name',
      'podinfo-secret',
      '-n',
      'default',
      '--from-literal',
      'SECRET=s3cr3t',
    );
    expect(create.err).toEqual([]);
    expect(create.code).toBe(0);
    expect(fs.readFileSync(secretFile, 'utf8')).not.toContain('s3cr3t');
    execSync(`${tsx} app.ts`, { cwd: dir, env: { ...process.env, CDK8S_FLUX_PLAN_FILE: '' }, stdio: 'pipe' });
    const flux = parse(fs.readFileSync(path.join(dir, 'tree/flux/services/podinfo.yaml'), 'utf8')) as {
      spec: Record<string, unknown>;
    };
    expect(flux.spec.decryption).toEqual({ provider: 'sops', secretRef: { name: 'sops-age' } });
  });

  test('GIVEN a different .sops.yaml WHEN sops init THEN it is kept unless --force', async () => {
    const recipient = await identityToRecipient(await generateX25519Identity());
    const { dir } = project(recipient);
    process.chdir(dir);
    const mine = 'creation_rules:\n  - age: age1yt3tfqlfrwdwx0z0ynwplcr6qxcxfaqycuprpmy89nr83ltx74tqdpszlw\n';
    fs.writeFileSync(path.join(dir, '.sops.yaml'), mine);

    const refused = await cli('sops', 'init');
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/\.sops\.yaml exists and differs.*\n[\s\S]*run with --force to replace it/);
    expect(fs.readFileSync(path.join(dir, '.sops.yaml'), 'utf8')).toBe(mine);

    const forced = await cli('sops', 'init', '--force');
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.sops.yaml'), 'utf8')).toContain(recipient);
  });
});
