import { DigestReflectionPolicy, ImagePolicy, ImagePolicyProps, ImageRepository, TagOrder, TagPolicy } from '../../lib';
import { allIssuesOf } from './all-issues';
import { fileOf, manifestOf, service, specOf } from './fixture';

const PATH = 'r/services/x/ImagePolicy/podinfo';

/** An application `x` with an ImageRepository `podinfo` in it. */
function fixture() {
  const f = service('x');
  const podinfo = new ImageRepository(f.a, 'podinfo', { image: 'ghcr.io/stefanprodan/podinfo' });
  return { ...f, podinfo };
}

describe('ImagePolicy', () => {
  test('GIVEN a repository and a semver policy WHEN made THEN writes imageRepositoryRef and policy only', () => {
    const { app, a, podinfo } = fixture();
    const p = new ImagePolicy(a, 'podinfo', { imageRepository: podinfo, policy: TagPolicy.semver('5.0.x') });
    expect(manifestOf(p).apiVersion).toBe('image.toolkit.fluxcd.io/v1');
    expect(specOf(p)).toStrictEqual({
      imageRepositoryRef: { name: 'podinfo' },
      policy: { semver: { range: '5.0.x' } },
    });
    expect(fileOf(app, 'services/x/imagepolicy-podinfo.yaml')).toEqual(manifestOf(p));
  });

  test.each<[string, TagPolicy, Record<string, unknown>]>([
    ['alphabetical', TagPolicy.alphabetical(), { alphabetical: {} }],
    ['alphabetical desc', TagPolicy.alphabetical(TagOrder.DESC), { alphabetical: { order: 'desc' } }],
    ['numerical', TagPolicy.numerical(), { numerical: {} }],
    ['numerical desc', TagPolicy.numerical(TagOrder.DESC), { numerical: { order: 'desc' } }],
  ])('GIVEN the %s policy WHEN made THEN writes it', (_what, policy, expected) => {
    const { a, podinfo } = fixture();
    expect(specOf(new ImagePolicy(a, 'podinfo', { imageRepository: podinfo, policy })).policy).toStrictEqual(expected);
  });

  test('GIVEN a repository of another namespace WHEN referenced THEN writes its namespace', () => {
    const { a, repo } = fixture();
    const shared = new ImageRepository(repo.service('images', { namespace: 'images' }), 'web', {
      image: 'ghcr.io/o/web',
    });
    const p = new ImagePolicy(a, 'web', { imageRepository: shared, policy: TagPolicy.semver('>=1.0.0') });
    expect(specOf(p).imageRepositoryRef).toStrictEqual({ name: 'web', namespace: 'images' });
  });

  test('GIVEN an external repository WHEN referenced THEN writes its name', () => {
    const { a } = fixture();
    const ext = ImageRepository.fromName(a, 'ext', 'app');
    const p = new ImagePolicy(a, 'app', { imageRepository: ext, policy: TagPolicy.semver('>=1.0.0') });
    expect(specOf(p).imageRepositoryRef).toStrictEqual({ name: 'app' });
  });

  test.each<[string, Partial<ImagePolicyProps>, Record<string, unknown>]>([
    [
      'filterTags',
      { filterTags: { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', extract: '$ts' } },
      { filterTags: { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', extract: '$ts' } },
    ],
    [
      'a Go pattern with flags',
      { filterTags: { pattern: '(?i)^v[0-9.]+$' } },
      { filterTags: { pattern: '(?i)^v[0-9.]+$' } },
    ],
    [
      'digestReflectionPolicy Always with interval',
      { digestReflectionPolicy: DigestReflectionPolicy.ALWAYS, interval: '10m' },
      { digestReflectionPolicy: 'Always', interval: '10m' },
    ],
    [
      'digestReflectionPolicy IfNotPresent',
      { digestReflectionPolicy: DigestReflectionPolicy.IF_NOT_PRESENT },
      { digestReflectionPolicy: 'IfNotPresent' },
    ],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('GIVEN %s WHEN made THEN writes it to its spec field', (_field, props, expected) => {
    const { a, podinfo } = fixture();
    expect(
      specOf(new ImagePolicy(a, 'podinfo', { imageRepository: podinfo, policy: TagPolicy.numerical(), ...props })),
    ).toStrictEqual({
      imageRepositoryRef: { name: 'podinfo' },
      policy: { numerical: {} },
      ...expected,
    });
  });

  test.each<[string, Partial<ImagePolicyProps>, string[]]>([
    [
      'interval without Always',
      { interval: '5m' },
      [
        `${PATH}: interval spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'; remove interval, or set digestReflectionPolicy to DigestReflectionPolicy.ALWAYS`,
      ],
    ],
    [
      'Always without interval',
      { digestReflectionPolicy: DigestReflectionPolicy.ALWAYS },
      [
        `${PATH}: interval spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'; set interval, e.g. "10m"`,
      ],
    ],
    [
      'an empty semver range and a broken pattern',
      { policy: TagPolicy.semver(''), filterTags: { pattern: '^main-(' } },
      [
        `${PATH}: policy "" has an empty semver range; use a range such as ">=1.0.0" or "5.0.x"`,
        `${PATH}: filterTags.pattern "^main-(" is not a valid regular expression; fix the pattern, e.g. "^main-[a-f0-9]+-(?P<ts>[0-9]+)"`,
      ],
    ],
    [
      'an extract naming a group the pattern lacks',
      { filterTags: { pattern: '^main-(?P<ts>[0-9]+)', extract: '$build' } },
      [
        `${PATH}: filterTags.extract "$build" uses "$build", which is not a named group of the pattern; name the group in the pattern, e.g. "(?P<ts>[0-9]+)"`,
      ],
    ],
  ])('GIVEN %s WHEN made THEN fails with every message', (_what, props, expected) => {
    const { a, podinfo } = fixture();
    expect(
      allIssuesOf(
        () => new ImagePolicy(a, 'podinfo', { imageRepository: podinfo, policy: TagPolicy.numerical(), ...props }),
      ),
    ).toStrictEqual(expected);
  });
});
