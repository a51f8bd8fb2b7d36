import * as fs from 'fs';
import * as path from 'path';
import { CliIo } from '../../lib/cli/io';
import { COMMANDS, runCli } from '../../lib/cli/main';
import { SECRET_SUBCOMMANDS } from '../../lib/cli/secret-command';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line) };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const packageVersion = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
).version;

describe('cdk8s-flux', () => {
  test('GIVEN --version WHEN run THEN it prints the version of the package', async () => {
    expect(await cli('--version')).toEqual({ code: 0, out: packageVersion, err: '' });
  });

  const everyCommand = [
    [],
    ...Object.keys(COMMANDS).map((name) => [name]),
    ...Object.keys(SECRET_SUBCOMMANDS).map((name) => ['secret', name]),
  ];
  test.each(
    everyCommand.flatMap((words) => [
      [...words, '--help'],
      [...words, '-h'],
    ]),
  )('GIVEN %j WHEN run THEN it prints its usage with an example of itself', async (...argv) => {
    const { code, out, err } = await cli(...argv);
    expect(err).toBe('');
    expect(code).toBe(0);
    const words = argv.slice(0, -1);
    expect(out).toMatch(new RegExp(`^usage: cdk8s-flux ${words.join(' ')}`));
    // an example that runs this very command
    expect(out).toMatch(new RegExp(`\nexamples?:\n(?: {2}.*\n)*? {2}.*cdk8s-flux ${words.join(' ')}`));
  });

  test.each([
    [['secrte'], /^cdk8s-flux: unknown command "secrte"; did you mean "secret"\?\nusage: cdk8s-flux/],
    [['valdate', 'dir'], /^cdk8s-flux: unknown command "valdate"; did you mean "validate"\?\n/],
    [['deploy'], /^cdk8s-flux: unknown command "deploy"\nusage: cdk8s-flux/],
    [['secret', 'decrpyt', 'a.yaml'], /^cdk8s-flux secret: unknown subcommand "decrpyt"; did you mean "decrypt"\?\n/],
    [['check', '--ap', 'node app.js'], /^cdk8s-flux check: unknown option --ap; did you mean --app\?$/],
  ])('GIVEN the mistyped %j WHEN run THEN it is a usage error that names the likely command', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(err).toMatch(message);
    expect(code).toBe(2);
  });
});
