import {
  FluxInstance,
  InputProviderType,
  LabelRequirement,
  ResourceSet,
  ResourceSetInputProvider,
  formatIssue,
} from '../../lib';
import { service, specOf, synthErrorOf } from './fixture';

const PATH = 'r/services/x/ResourceSetInputProvider/artifacts';

describe('label requirements of an ExternalArtifact provider', () => {
  test('GIVEN selectors with label requirements WHEN synthesized THEN each is written as a matchExpressions entry', () => {
    const { a } = service('x');
    const provider = new ResourceSetInputProvider(a, 'artifacts', {
      type: InputProviderType.EXTERNAL_ARTIFACT,
      selectors: [
        {
          matchLabels: { app: 'podinfo' },
          matchExpressions: [
            LabelRequirement.in('env', ['staging', 'production']),
            LabelRequirement.notIn('tier', ['test']),
            LabelRequirement.exists('team'),
            LabelRequirement.doesNotExist('deprecated'),
          ],
        },
      ],
    });
    expect(specOf(provider).selectors).toStrictEqual([
      {
        matchLabels: { app: 'podinfo' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['staging', 'production'] },
          { key: 'tier', operator: 'NotIn', values: ['test'] },
          { key: 'team', operator: 'Exists' },
          { key: 'deprecated', operator: 'DoesNotExist' },
        ],
      },
    ]);
  });

  test('GIVEN a bad key, an empty In, a bad value and a name with requirements WHEN synthesized THEN each is reported', () => {
    const { a } = service('x');
    const provider = new ResourceSetInputProvider(a, 'artifacts', {
      type: InputProviderType.EXTERNAL_ARTIFACT,
      selectors: [
        {
          name: 'one',
          matchExpressions: [
            LabelRequirement.exists('a/b/c'),
            LabelRequirement.in('env', []),
            LabelRequirement.notIn('env', ['not ok']),
          ],
        },
      ],
    });
    expect(synthErrorOf(provider).issues.map(formatIssue)).toEqual([
      `${PATH}: selectors[0] "one" sets both name and labels to match; select by name or by labels, not both`,
      `${PATH}: selectors[0].matchExpressions[0].key "a/b/c" has more than one "/"; use an optional DNS prefix, "/" and a name, like "app.kubernetes.io/name" or "tier"`,
      `${PATH}: selectors[0].matchExpressions[1].values "[]" is empty, which In does not accept; give at least one value, or use LabelRequirement.exists()`,
      expect.stringMatching(
        /^r\/services\/x\/ResourceSetInputProvider\/artifacts: selectors\[0\]\.matchExpressions\[2\]\.values\[0\] "not ok" /,
      ),
    ]);
  });
});

describe('commonMetadata of the Flux Operator kinds', () => {
  test('GIVEN labels and annotations WHEN a FluxInstance and a ResourceSet are synthesized THEN both write them as a Kustomization does, and nothing when empty', () => {
    const { a } = service('x');
    const commonMetadata = { labels: { team: 'platform' }, annotations: { owner: 'ops' } };
    const instance = new FluxInstance(a, 'flux', { commonMetadata });
    const set = new ResourceSet(a, 'rs', {
      commonMetadata,
      resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }],
    });
    expect(specOf(instance).commonMetadata).toStrictEqual(commonMetadata);
    expect(specOf(set).commonMetadata).toStrictEqual(commonMetadata);
    const empty = new ResourceSet(service('y').a, 'rs', {
      commonMetadata: { labels: {} },
      resources: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } }],
    });
    expect(specOf(empty).commonMetadata).toBeUndefined();
  });
});
