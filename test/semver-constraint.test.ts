import { semverConstraintProblem } from '../lib/semver-constraint';

describe('semverConstraintProblem', () => {
  test.each([
    '*',
    '1.x',
    '~1.2',
    '^1.2.3',
    '>=1.0.0 <2.0.0',
    '>= 1.2, < 3',
    '1.14.x',
    '>=v1.12.0 <1.13.0',
    '1.2 - 1.4.5',
    '^1.0 || ^2.0',
    '1.2.3-rc.1+build.5',
    '~>2.1',
  ])('GIVEN %j THEN Flux accepts it', (constraint) => {
    expect(semverConstraintProblem(constraint)).toBeUndefined();
  });

  test.each([
    ['latest', 'has "latest", which is not a version'],
    ['six', 'has "six", which is not a version'],
    ['>=1.2 <<3', 'has "<3", which is not a version'],
    ['', 'is empty'],
    ['^1.0 ||', 'has an empty alternative'],
    ['>=', 'without a version'],
    ['1.2.3.4', 'has "1.2.3.4"'],
  ])('GIVEN %j THEN it is rejected with %j', (constraint, reason) => {
    expect(semverConstraintProblem(constraint)).toContain(reason);
  });
});
