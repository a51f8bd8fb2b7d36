import { colourWanted } from '../../lib/cli/io';

describe('colours', () => {
  test.each<[string, boolean, NodeJS.ProcessEnv, boolean]>([
    ['a terminal', true, {}, true],
    ['a terminal with NO_COLOR empty, which does not turn colours off', true, { NO_COLOR: '' }, true],
    ['a terminal with NO_COLOR=1', true, { NO_COLOR: '1' }, false],
    ['a terminal with NO_COLOR=0, which is set all the same', true, { NO_COLOR: '0' }, false],
    ['a pipe', false, {}, false],
  ])('GIVEN %s THEN colour is used or not as the convention says', (_what, terminal, env, expected) => {
    expect(colourWanted(terminal, env)).toBe(expected);
  });
});
