// The notification and image-automation examples of the Flux documentation, rebuilt with the constructs only and
// compared object by object with the YAML the documentation shows (written out here from the objects it describes).
import {
  Alert,
  EventSeverity,
  GitRef,
  GitRepository,
  ImagePolicy,
  ImageRepository,
  ImageUpdateAutomation,
  ImageUpdateStrategy,
  ObjectSelector,
  Provider,
  ProviderType,
  Receiver,
  ReceiverType,
  SelectableKind,
  TagPolicy,
  externalSecret,
} from '../../lib';
import { manifestOf, service, yamlOf } from './fixture';

describe('the Flux documentation examples, rebuilt', () => {
  test('GIVEN the Slack bot Provider and its Alert for Flagger WHEN rebuilt THEN each object is the documented one', () => {
    const { repo } = service('x');
    const flagger = repo.service('flagger', { namespace: 'flagger-system' });
    const bot = new Provider(flagger, 'slack-bot', {
      type: ProviderType.SLACK,
      channel: 'general',
      address: 'https://slack.com/api/chat.postMessage',
      secret: externalSecret(flagger, 'token', 'slack-bot-token'),
    });
    const alert = new Alert(flagger, 'slack', {
      summary: 'Flagger impacted in us-east-2',
      provider: bot,
      eventSeverity: EventSeverity.ERROR,
      eventSources: [
        ObjectSelector.all(SelectableKind.HELM_REPOSITORY),
        ObjectSelector.all(SelectableKind.HELM_RELEASE),
      ],
    });
    expect(manifestOf(bot)).toStrictEqual(
      yamlOf(`
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: { name: slack-bot, namespace: flagger-system }
        spec:
          type: slack
          channel: general
          address: https://slack.com/api/chat.postMessage
          secretRef: { name: slack-bot-token }
      `),
    );
    expect(manifestOf(alert)).toStrictEqual(
      yamlOf(`
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: { name: slack, namespace: flagger-system }
        spec:
          summary: Flagger impacted in us-east-2
          providerRef: { name: slack-bot }
          eventSeverity: error
          eventSources:
            - { kind: HelmRepository, name: '*' }
            - { kind: HelmRelease, name: '*' }
      `),
    );
  });

  test('GIVEN the GitHub Receiver of a bootstrapped repository WHEN rebuilt THEN it is the documented one', () => {
    const { repo, a } = service('webhooks');
    const receiver = new Receiver(a, 'github-receiver', {
      type: ReceiverType.GITHUB,
      events: ['ping', 'push'],
      secret: externalSecret(a, 'receiver-token', 'receiver-token'),
      resources: [ObjectSelector.of(repo.syncSource)],
    });
    expect(manifestOf(receiver)).toStrictEqual(
      yamlOf(`
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata: { name: github-receiver, namespace: flux-system }
        spec:
          type: github
          events: [ping, push]
          secretRef: { name: receiver-token }
          resources:
            - { apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository, name: flux-system }
      `),
    );
  });

  test('GIVEN the podinfo image update example WHEN rebuilt THEN its four objects are the documented ones', () => {
    const { repo } = service('x');
    const ns = repo.service('podinfo', { namespace: 'default' });
    const git = new GitRepository(ns, 'podinfo', {
      url: 'https://github.com/fluxcd/example',
      ref: GitRef.branch('main'),
      interval: '5m0s',
    });
    const images = new ImageRepository(ns, 'podinfo', { image: 'ghcr.io/stefanprodan/podinfo', interval: '5h' });
    const policy = new ImagePolicy(ns, 'podinfo-policy', {
      imageRepository: images,
      policy: TagPolicy.semver('5.0.x'),
    });
    const auto = new ImageUpdateAutomation(ns, 'podinfo-update', {
      source: git,
      interval: '30m',
      commit: { authorEmail: 'fluxcdbot@users.noreply.github.com', authorName: 'fluxcdbot' },
      push: { branch: 'main' },
      update: ImageUpdateStrategy.setters('./'),
    });
    const meta = (name: string) => ({ name, namespace: 'default' });
    expect(manifestOf(git)).toStrictEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: meta('podinfo'),
      spec: { interval: '5m0s', url: 'https://github.com/fluxcd/example', ref: { branch: 'main' } },
    });
    expect(manifestOf(images)).toStrictEqual(
      yamlOf(`
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageRepository
        metadata: { name: podinfo, namespace: default }
        spec: { image: ghcr.io/stefanprodan/podinfo, interval: 5h }
      `),
    );
    expect(manifestOf(auto)).toStrictEqual(
      yamlOf(`
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata: { name: podinfo-update, namespace: default }
        spec:
          interval: 30m
          sourceRef: { kind: GitRepository, name: podinfo }
          git:
            commit:
              author: { email: fluxcdbot@users.noreply.github.com, name: fluxcdbot }
            push: { branch: main }
          update: { path: ./, strategy: Setters }
      `),
    );
    expect(manifestOf(policy)).toStrictEqual(
      yamlOf(`
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImagePolicy
        metadata: { name: podinfo-policy, namespace: default }
        spec:
          imageRepositoryRef: { name: podinfo }
          policy: { semver: { range: 5.0.x } }
      `),
    );
  });
});
