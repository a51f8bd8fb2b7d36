import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { GitRepository, Kustomization } from '../../lib';
import { service, synthErrorOf, synthIssueOf } from './fixture';
import { tempDir } from '../support/temp';

const LIB = path.resolve(__dirname, '../../lib');
const TSX = path.resolve(__dirname, '../../node_modules/.bin/tsx');
const DURATION_FIX = 'use a value like "5m", "1h30m" or "90s", or Duration.minutes(5)';

/** The problems of a program that makes three construct-time mistakes on lines 6 and 7 of `bad-app.ts`. */
const PROBLEMS = [
  'bad-app.ts:6:13: r/services/podinfo/GitRepository/podinfo: url "github.com/o/podinfo" is not a https://, http://, ' +
    'ssh:// URL; use a URL such as "https://github.com/org/repo"',
  `bad-app.ts:6:13: r/services/podinfo/GitRepository/podinfo: interval "5 min" is not a Flux duration; ${DURATION_FIX}`,
  `bad-app.ts:7:1: r/services/podinfo/Kustomization/app: timeout "1 hour" is not a Flux duration; ${DURATION_FIX}`,
];

describe('construct-time problems', () => {
  test('GIVEN three bad props WHEN the objects are made THEN nothing throws, and synth reports all three once each', () => {
    // GIVEN
    const { a } = service('podinfo');
    // WHEN
    const src = new GitRepository(a, 'podinfo', { url: 'github.com/o/podinfo', interval: '5 min' });
    const made = new Kustomization(a, 'app', { source: src, timeout: '1 hour' });
    // THEN
    const { issues } = synthErrorOf(made);
    expect(issues.map((i) => [i.constructPath, i.field, i.value])).toEqual([
      ['r/services/podinfo/GitRepository/podinfo', 'url', 'github.com/o/podinfo'],
      ['r/services/podinfo/GitRepository/podinfo', 'interval', '5 min'],
      ['r/services/podinfo/Kustomization/app', 'timeout', '1 hour'],
    ]);
  });

  test('GIVEN a bad object made in a test file WHEN synth fails THEN the issue names the line that made it', () => {
    // GIVEN
    const { a } = service('podinfo');
    // WHEN
    const issue = synthIssueOf(
      () => new GitRepository(a, 'podinfo', { url: 'https://github.com/o/podinfo', timeout: 'soon' }),
    );
    // THEN
    const [file, line, column] = (issue.source ?? '').split(':');
    expect(file).toBe(path.relative(process.cwd(), __filename));
    const made = fs.readFileSync(__filename, 'utf8').split('\n')[Number(line) - 1];
    expect(made.slice(Number(column) - 1)).toMatch(
      /^new GitRepository\(a, 'podinfo', \{ url: .*, timeout: 'soon' \}\)/,
    );
  });

  test('GIVEN a program with three mistakes WHEN it runs with tsx THEN Node prints the list once, with the lines of the program, no object dump, and exits 1', () => {
    // GIVEN
    const dir = tempDir();
    const program = [
      `import { FluxApp, GitOpsRepository, GitRepository, Kustomization } from ${JSON.stringify(LIB)};`,
      '',
      `const app = new FluxApp({ outdir: ${JSON.stringify(path.join(dir, 'out'))} });`,
      "const repo = new GitOpsRepository(app, 'r', { url: 'ssh://git@github.com/o/r' });",
      "const podinfo = repo.service('podinfo');",
      "const src = new GitRepository(podinfo, 'podinfo', { url: 'github.com/o/podinfo', interval: '5 min' });",
      "new Kustomization(podinfo, 'app', { source: src, timeout: '1 hour' });",
      'app.synth();',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'bad-app.ts'), program);
    // WHEN
    const run = spawnSync(TSX, ['bad-app.ts'], { cwd: dir, encoding: 'utf8' });
    // THEN
    expect(run.status).toBe(1);
    // nothing but the list: no lines of Node's own code around it
    expect(run.stderr).toBe(`FluxValidationError: 3 problems found:\n${PROBLEMS.map((p) => `  - ${p}`).join('\n')}\n`);
    for (const problem of PROBLEMS) expect(run.stderr.split(problem)).toHaveLength(2);
    expect(run.stderr).not.toMatch(/issues|constructPath|fix:/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('GIVEN a program with a bad Git ref, a bad OCI digest and a bad Alert WHEN it runs with tsx THEN all three are listed once each with their lines', () => {
    // GIVEN
    const dir = tempDir();
    const program = [
      `import * as flux from ${JSON.stringify(LIB)};`,
      `const app = new flux.FluxApp({ outdir: ${JSON.stringify(path.join(dir, 'out'))} });`,
      "const repo = new flux.GitOpsRepository(app, 'r', { url: 'ssh://git@github.com/o/r' });",
      "const a = repo.service('podinfo');",
      "const git = new flux.GitRepository(a, 'git', { url: 'https://github.com/o/p', ref: flux.GitRef.commit('abc1') });",
      "new flux.OciRepository(a, 'oci', { url: 'oci://ghcr.io/o/p', ref: flux.OciRef.digest('sha256:12') });",
      "const slack = new flux.Provider(a, 'slack', { type: flux.ProviderType.SLACK, address: 'https://hooks.slack.com/x' });",
      "new flux.Alert(a, 'alert', { provider: slack, eventSources: [] });",
      'void git;',
      'app.synth();',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'bad-app.ts'), program);
    // WHEN
    const run = spawnSync(TSX, ['bad-app.ts'], { cwd: dir, encoding: 'utf8' });
    // THEN
    const problems = [
      'bad-app.ts:5:13: r/services/podinfo/GitRepository/git: ref.commit "abc1" is not a full SHA-1 or SHA-256 ' +
        'commit hash; use the 40 (or 64) lower-case hex digits of the commit',
      'bad-app.ts:6:1: r/services/podinfo/OCIRepository/oci: ref.digest "sha256:12" is not an OCI digest; ' +
        'use "sha256:" followed by the 64 lower-case hex digits of the digest',
      'bad-app.ts:8:1: r/services/podinfo/Alert/alert: eventSources "[]" is empty: the Alert would forward nothing; ' +
        'list at least one source',
    ];
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`FluxValidationError: 3 problems found:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
