import {
  Alert,
  AlertProps,
  EventSeverity,
  GitRepository,
  HelmRelease,
  HelmRepository,
  HelmChartSource,
  Kustomization,
  ObjectSelector,
  Provider,
  ProviderType,
  SelectableKind,
} from '../../lib';
import { fileOf, manifestOf, service, specOf, synthIssueOf, synthProblem } from './fixture';

const HOOK = 'https://hooks.slack.com/services/T0/B0/X';

/** An application `x` with a slack Provider in it. */
function withProvider() {
  const fixture = service('x');
  const slack = new Provider(fixture.a, 'slack', { type: ProviderType.SLACK, address: HOOK });
  return { ...fixture, slack };
}

describe('Alert', () => {
  test('GIVEN a provider and one wildcard source WHEN made THEN writes providerRef and eventSources only', () => {
    const { app, a, slack } = withProvider();
    const alert = new Alert(a, 'all', {
      provider: slack,
      eventSources: [ObjectSelector.all(SelectableKind.KUSTOMIZATION)],
    });
    expect(manifestOf(alert).apiVersion).toBe('notification.toolkit.fluxcd.io/v1beta3');
    expect(specOf(alert)).toStrictEqual({
      eventSources: [{ kind: 'Kustomization', name: '*' }],
      providerRef: { name: 'slack' },
    });
    expect(fileOf(app, 'services/x/alert-all.yaml')).toEqual(manifestOf(alert));
  });

  test('GIVEN Flux objects as sources WHEN made THEN each is written by kind, name and namespace when it differs', () => {
    const { a, repo, slack } = withProvider();
    const src = new GitRepository(a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
    const ks = new Kustomization(a, 'podinfo', { source: src, path: './kustomize' });
    const charts = new HelmRepository(a, 'charts', { url: 'https://charts.example.com' });
    const release = new HelmRelease(repo.service('apps', { namespace: 'apps' }), 'web', {
      chart: HelmChartSource.fromRepository(charts, 'web', { version: '1.x' }),
    });
    const external = Kustomization.fromName(a, 'ext', 'infra', { namespace: 'flux-system' });
    const alert = new Alert(a, 'a', {
      provider: slack,
      eventSources: [
        ObjectSelector.of(src),
        ObjectSelector.of(ks),
        ObjectSelector.of(release),
        ObjectSelector.of(external),
      ],
    });
    expect(specOf(alert).eventSources).toStrictEqual([
      { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'podinfo' },
      { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', name: 'podinfo' },
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'web', namespace: 'apps' },
      { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', name: 'infra' },
    ]);
  });

  test('GIVEN matchLabels and another namespace WHEN a wildcard source is made THEN writes them with name *', () => {
    const { a, slack } = withProvider();
    const alert = new Alert(a, 'a', {
      provider: slack,
      eventSources: [
        ObjectSelector.all(SelectableKind.HELM_RELEASE, { namespace: 'apps', matchLabels: { team: 'web' } }),
      ],
    });
    expect(specOf(alert).eventSources).toStrictEqual([
      { kind: 'HelmRelease', name: '*', namespace: 'apps', matchLabels: { team: 'web' } },
    ]);
  });

  test.each<[string, Partial<AlertProps>, Record<string, unknown>]>([
    ['eventSeverity', { eventSeverity: EventSeverity.ERROR }, { eventSeverity: 'error' }],
    ['exclusionList', { exclusionList: ['^Dependencies.*'] }, { exclusionList: ['^Dependencies.*'] }],
    ['inclusionList', { inclusionList: ['.*succeeded.*'] }, { inclusionList: ['.*succeeded.*'] }],
    ['eventMetadata', { eventMetadata: { env: 'prod' } }, { eventMetadata: { env: 'prod' } }],
    ['summary', { summary: 'prod cluster' }, { summary: 'prod cluster' }],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('GIVEN %s WHEN made THEN writes it to its spec field', (_field, props, expected) => {
    const { a, slack } = withProvider();
    const eventSources = [ObjectSelector.all(SelectableKind.BUCKET)];
    expect(specOf(new Alert(a, 'a', { provider: slack, eventSources, ...props }))).toStrictEqual({
      providerRef: { name: 'slack' },
      eventSources: [{ kind: 'Bucket', name: '*' }],
      ...expected,
    });
  });

  describe('bad input', () => {
    test('GIVEN a Provider of another namespace WHEN made THEN fails: providerRef has no namespace', () => {
      const { a, repo, slack } = withProvider();
      const other = repo.service('apps', { namespace: 'apps' });
      expect(
        synthIssueOf(
          () => new Alert(other, 'a', { provider: slack, eventSources: [ObjectSelector.all(SelectableKind.BUCKET)] }),
        ),
      ).toStrictEqual({
        constructPath: 'r/services/apps/Alert/a',
        field: 'provider',
        value: 'flux-system/slack',
        message: 'is in another namespace than this object ("apps"); Flux looks for the Provider in the same namespace',
        fix: 'make the Provider in namespace "apps"',
        source: expect.stringMatching(/alert\.test\.ts:\d+:\d+$/),
      });
      expect(a.node.path).toBe('r/services/x');
    });

    test('GIVEN no event sources WHEN made THEN fails', () => {
      const { a, slack } = withProvider();
      expect(synthIssueOf(() => new Alert(a, 'a', { provider: slack, eventSources: [] }))).toMatchObject({
        field: 'eventSources',
        message: 'is empty: the Alert would forward nothing',
      });
    });

    test('GIVEN a Provider as an event source and a long summary WHEN made THEN fails with both', () => {
      const { a, slack } = withProvider();
      expect(
        synthProblem(
          () =>
            new Alert(a, 'a', { provider: slack, eventSources: [ObjectSelector.of(slack)], summary: 's'.repeat(256) }),
        ),
      ).toMatch(
        /^2 problems found:\n {2}- r\/services\/x\/Alert\/a: eventSources\[0\] "Provider\/slack" is not a kind that emits Flux events; .*\n {2}- r\/services\/x\/Alert\/a: summary "s+\.\.\." is longer than 255 characters; shorten it, or use eventMetadata$/,
      );
    });
  });
});
