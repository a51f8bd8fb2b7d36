import { SpawnSyncReturns, execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { NPM_ENV, packPackage } from '../support/pack';
import { tempDir } from '../support/temp';

const root = path.join(__dirname, '..', '..');

/** Runs a program of the generated project and returns what it printed; fails the test when it fails. */
function run(program: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result: SpawnSyncReturns<string> = spawnSync(program, [...args], { cwd, env, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}):\n${output}`);
  return output;
}

describe('a project made by cdk8s-flux init', () => {
  test('GIVEN the packed package WHEN a project is made with init and installed THEN it synthesizes, its jest snapshot test passes without configuration, check agrees, and sops init then secret create seal its first secret', async () => {
    // GIVEN the package as published, and a project made by init
    const work = tempDir();
    const tarball = packPackage(work);
    run(process.execPath, [path.join(root, 'bin', 'cdk8s-flux.js'), 'init', 'homelab'], work, process.env);
    const project = path.join(work, 'homelab');
    // installed as a user would (from the npm cache where it holds the packages)
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball], {
      cwd: project,
      env: NPM_ENV,
      stdio: 'pipe',
    });
    // The dependencies that ship only as ES modules are bundled inside the package as CommonJS, not installed.
    const installed = path.join(project, 'node_modules', 'cdk8s-flux');
    expect(fs.existsSync(path.join(installed, 'dist-lib', 'vendor', 'age-encryption.js'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'node_modules', 'age-encryption'))).toBe(false);
    expect(fs.existsSync(path.join(project, 'node_modules', '@marcbachmann', 'cel-js'))).toBe(false);
    const typescript = JSON.parse(
      fs.readFileSync(path.join(project, 'node_modules', 'typescript', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(typescript.version).toMatch(/^6\./);
    const env = { ...process.env };
    delete env.CI;

    // WHEN it synthesizes with the real cdk8s CLI
    run('npm', ['run', 'synth'], project, env);
    // THEN the tree is in the project itself, where the Flux paths it writes point
    const podinfo = fs.readFileSync(path.join(project, 'cluster', 'flux', 'services', 'podinfo.yaml'), 'utf8');
    expect(podinfo).toContain('path: ./cluster/services/podinfo');
    expect(fs.existsSync(path.join(project, 'cluster', 'services', 'podinfo', 'helmrelease-podinfo.yaml'))).toBe(true);

    // WHEN its jest test runs: the first run writes the snapshot, a CI run compares with it
    expect(run('npx', ['jest'], project, env)).toMatch(/1 snapshot written/);
    expect(run('npx', ['jest', '--ci'], project, env)).toMatch(/Snapshots:\s+1 passed, 1 total/);
    // and a changed cluster fails it
    const main = path.join(project, 'main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('replicaCount: 1', 'replicaCount: 2'));
    const changed = spawnSync('npx', ['jest', '--ci'], { cwd: project, env, encoding: 'utf8' });
    expect(changed.stderr).toMatch(/Snapshots:\s+1 failed, 1 total/);
    expect(changed.status).toBe(1);

    // THEN the installed command sees the committed tree is out of date with the changed program
    const bin = path.join(project, 'node_modules', '.bin', 'cdk8s-flux');
    const check = spawnSync(bin, ['check'], { cwd: project, env, encoding: 'utf8' });
    expect(check.stdout).toMatch(/helmrelease-podinfo\.yaml/);
    expect(check.status).toBe(1);
    expect(run(bin, ['--version'], project, env).trim()).toBe(
      (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );

    // WHEN the cluster gets a SOPS key and a secret whose file does not exist yet
    const recipient = await identityToRecipient(await generateX25519Identity());
    const secretFile = path.join('secrets', 'podinfo', 'podinfo-secret.yaml');
    fs.writeFileSync(
      main,
      fs
        .readFileSync(main, 'utf8')
        .replace('import { FluxApp,', 'import { FluxApp, SopsSecret,')
        .replace("branch: 'main',", `branch: 'main',\n    sops: { ageRecipient: ${JSON.stringify(recipient)} },`)
        .replace(
          'const charts =',
          `SopsSecret.fromFile(podinfo, 'podinfo-secret', ${JSON.stringify(secretFile)}, { namespace: 'default' });\n  const charts =`,
        ),
    );
    // THEN sops init writes .sops.yaml from the app's key before the secret exists, and secret create seals it
    expect(run(bin, ['sops', 'init'], project, env)).toMatch(/wrote \.sops\.yaml/);
    expect(fs.readFileSync(path.join(project, '.sops.yaml'), 'utf8')).toContain(recipient);
    const planted = 'n0t-in-any-output';
    const created = run(
      bin,
      [
        'secret',
        'create',
        secretFile,
        '--name',
        'podinfo-secret',
        '-n',
        'default',
        '--from-literal',
        `SECRET=${planted}`,
      ],
      project,
      env,
    );
    expect(created).not.toContain(planted);
    const sealed = fs.readFileSync(path.join(project, secretFile), 'utf8');
    expect(sealed).not.toContain(planted);
    expect(sealed).toMatch(/SECRET: ENC\[AES256_GCM,/);
    // AND the project synthesizes with it: the encrypted file in the tree, decryption on its Flux Kustomization
    const synth = run('npm', ['run', 'synth'], project, env);
    expect(synth).not.toContain(planted);
    const tree = path.join(project, 'cluster');
    expect(fs.readFileSync(path.join(tree, 'services', 'podinfo', 'secret-podinfo-secret.yaml'), 'utf8')).toBe(sealed);
    expect(fs.readFileSync(path.join(tree, 'flux', 'services', 'podinfo.yaml'), 'utf8')).toMatch(
      /decryption:\n {4}provider: sops\n {4}secretRef:\n {6}name: sops-age/,
    );
  }, 600_000);
});
