import { spawnEditorInTerminal } from '../../lib/cli/editor';

describe('spawnEditorInTerminal', () => {
  test.each(['INT', 'TERM', 'HUP'])(
    'GIVEN an editor killed by SIG%s before this program sees the signal WHEN it ends THEN the edit is interrupted',
    async (name) => {
      const run = await spawnEditorInTerminal('sh', ['-c', `kill -${name} $$`], process.env);
      expect(run).toMatchObject({ status: null, signal: `SIG${name}`, interrupted: `SIG${name}` });
    },
  );

  test('GIVEN an editor that fails on its own WHEN it ends THEN the edit is not interrupted', async () => {
    const run = await spawnEditorInTerminal('sh', ['-c', 'exit 3'], process.env);
    expect(run).toMatchObject({ status: 3, signal: null });
    expect(run.interrupted).toBeUndefined();
  });
});
