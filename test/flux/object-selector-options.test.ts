import { GitRepository, ObjectSelector, TagOrder, TagPolicy } from '../../lib';
import { service } from './fixture';

// What a factory is given is what it writes: an import reproduces hand-written YAML with them.
describe('selectors and tag policies as given', () => {
  test('GIVEN ObjectSelector.of without its apiVersion WHEN written THEN the entry has kind and name only', () => {
    const { a } = service('x');
    const git = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    expect(ObjectSelector.of(git, { withApiVersion: false }).toJson('flux-system')).toStrictEqual({
      kind: 'GitRepository',
      name: 'podinfo',
    });
    expect(ObjectSelector.of(git).toJson('flux-system')).toStrictEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      name: 'podinfo',
    });
  });

  test.each([
    [TagPolicy.numerical(), { numerical: {} }],
    [TagPolicy.numerical(TagOrder.ASC), { numerical: { order: 'asc' } }],
    [TagPolicy.alphabetical(TagOrder.DESC), { alphabetical: { order: 'desc' } }],
  ])('GIVEN a tag policy WHEN written THEN its order is there when given: %j', (policy, expected) => {
    expect(policy.toJson()).toStrictEqual(expected);
  });
});
