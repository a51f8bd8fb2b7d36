import { spawnSync } from 'child_process';

/** True when `program` can be started from PATH. */
export function hasTool(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * `describe` for tests that need an external program.
 *
 * In CI (`CI=true`) a missing program fails the run loudly; on a user's machine the tests are skipped with a message
 * that says what to install.
 */
export function describeWithTool(program: string, installHint: string, name: string, body: () => void): void {
  if (hasTool(program)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      test(`needs ${program}`, () => {
        throw new Error(`${program} is not installed, and CI must run these tests: ${installHint}`);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": ${program} is not installed (${installHint})`);
  describe.skip(name, body);
}
