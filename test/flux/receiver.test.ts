import { Duration } from 'cdk8s';
import {
  GitRepository,
  ObjectSelector,
  Receiver,
  ReceiverProps,
  ReceiverType,
  SelectableKind,
  externalSecret,
} from '../../lib';
import { ReceiverSpecType } from '../../imports/notification.toolkit.fluxcd.io';
import { allIssuesOf } from './all-issues';
import { fileOf, manifestOf, service, specOf, synthIssueOf } from './fixture';

const PATH = 'r/services/x/Receiver/hook';
const OIDC = {
  issuerUrl: 'https://token.actions.githubusercontent.com',
  validations: [{ expression: "claims.repository_owner == 'o'", message: 'not our org' }],
};

/** An application `x` with a webhook token Secret and a GitRepository in it. */
function fixture() {
  const f = service('x');
  const token = externalSecret(f.a, 'token', 'webhook-token');
  const src = new GitRepository(f.a, 'podinfo', { url: 'https://github.com/stefanprodan/podinfo' });
  return { ...f, token, src };
}

describe('Receiver', () => {
  test('GIVEN a github type, a Secret and a source WHEN made THEN writes type, resources and secretRef', () => {
    const { app, a, token, src } = fixture();
    const r = new Receiver(a, 'hook', {
      type: ReceiverType.GITHUB,
      secret: token,
      resources: [ObjectSelector.of(src)],
    });
    expect(manifestOf(r).apiVersion).toBe('notification.toolkit.fluxcd.io/v1');
    expect(specOf(r)).toStrictEqual({
      type: 'github',
      resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'podinfo' }],
      secretRef: { name: 'webhook-token' },
    });
    expect(fileOf(app, 'services/x/receiver-hook.yaml')).toEqual(manifestOf(r));
  });

  test('GIVEN every ReceiverType WHEN listed THEN it is exactly the enum of the served CRD', () => {
    expect([...Object.values(ReceiverType)].sort()).toStrictEqual([...Object.values(ReceiverSpecType)].sort());
  });

  test.each<[string, Partial<ReceiverProps>, Record<string, unknown>]>([
    ['events', { events: ['ping', 'push'] }, { events: ['ping', 'push'] }],
    ['interval', { interval: Duration.minutes(30) }, { interval: '30m' }],
    [
      'resourceFilter',
      { resourceFilter: "res.metadata.name == 'podinfo'" },
      { resourceFilter: "res.metadata.name == 'podinfo'" },
    ],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('GIVEN %s WHEN made THEN writes it to its spec field', (_field, props, expected) => {
    const { a, token, src } = fixture();
    const r = new Receiver(a, 'hook', {
      type: ReceiverType.GENERIC,
      secret: token,
      resources: [ObjectSelector.of(src)],
      ...props,
    });
    expect(specOf(r)).toStrictEqual({
      type: 'generic',
      resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'podinfo' }],
      secretRef: { name: 'webhook-token' },
      ...expected,
    });
  });

  test('GIVEN a filtered wildcard resource WHEN made THEN writes the filter, name * and matchLabels', () => {
    const { a, token } = fixture();
    const r = new Receiver(a, 'hook', {
      type: ReceiverType.DOCKERHUB,
      secret: token,
      resources: [
        {
          selector: ObjectSelector.all(SelectableKind.IMAGE_REPOSITORY, { matchLabels: { app: 'web' } }),
          filter: "res.metadata.name.startsWith('web')",
        },
      ],
    });
    expect(specOf(r).resources).toStrictEqual([
      {
        kind: 'ImageRepository',
        name: '*',
        matchLabels: { app: 'web' },
        filter: "res.metadata.name.startsWith('web')",
      },
    ]);
  });

  test('GIVEN generic-oidc with a provider and no Secret WHEN made THEN writes oidcProviders with issuerURL', () => {
    const { a, src } = fixture();
    const r = new Receiver(a, 'hook', {
      type: ReceiverType.GENERIC_OIDC,
      oidcProviders: [OIDC],
      resources: [ObjectSelector.of(src)],
    });
    expect(specOf(r).oidcProviders).toStrictEqual([{ issuerURL: OIDC.issuerUrl, validations: OIDC.validations }]);
    expect(specOf(r).secretRef).toBeUndefined();
  });

  describe('the CRD CEL rules and bad input, all reported at once', () => {
    test.each<[string, Partial<ReceiverProps>, string[]]>([
      [
        'generic-oidc with a Secret and no providers',
        { type: ReceiverType.GENERIC_OIDC, secret: { secretName: 's', secretNamespace: 'flux-system' } },
        [
          `${PATH}: oidcProviders generic-oidc receivers must define at least one oidcProvider; list the OIDC issuers to accept`,
          `${PATH}: secret secretRef cannot be set when type is generic-oidc; remove secret: the OIDC token authenticates the request`,
        ],
      ],
      [
        'github with providers and no Secret',
        { type: ReceiverType.GITHUB, oidcProviders: [OIDC] },
        [
          `${PATH}: oidcProviders oidcProviders can only be set when type is generic-oidc; remove oidcProviders, or use ReceiverType.GENERIC_OIDC`,
          `${PATH}: secret secretRef is required when type is not generic-oidc; set secret to the Secret with the webhook "token"`,
        ],
      ],
      [
        'an issuer without scheme',
        {
          type: ReceiverType.GENERIC_OIDC,
          oidcProviders: [{ ...OIDC, issuerUrl: 'token.actions.githubusercontent.com' }],
        },
        [
          `${PATH}: oidcProviders[0].issuerUrl "token.actions.githubusercontent.com" is not an http(s):// URL; use the issuer, e.g. "https://token.actions.githubusercontent.com"`,
        ],
      ],
    ])('GIVEN %s WHEN made THEN fails with every message', (_what, props, expected) => {
      const { a, src } = fixture();
      expect(
        allIssuesOf(
          () => new Receiver(a, 'hook', { type: ReceiverType.GENERIC, resources: [ObjectSelector.of(src)], ...props }),
        ),
      ).toStrictEqual(expected);
    });

    test('GIVEN no resources WHEN made THEN fails', () => {
      const { a, token } = fixture();
      expect(
        synthIssueOf(() => new Receiver(a, 'hook', { type: ReceiverType.GITHUB, secret: token, resources: [] })),
      ).toMatchObject({
        constructPath: PATH,
        field: 'resources',
        message: 'is empty: the Receiver would notify nothing',
      });
    });

    test('GIVEN a Secret as a resource WHEN made THEN fails: it is not a kind a Receiver can reconcile', () => {
      const { a, token } = fixture();
      expect(
        synthIssueOf(
          () =>
            new Receiver(a, 'hook', {
              type: ReceiverType.GITHUB,
              secret: token,
              resources: [ObjectSelector.of(token)],
            }),
        ),
      ).toStrictEqual({
        constructPath: PATH,
        field: 'resources[0]',
        value: 'Secret/webhook-token',
        message: 'is not a kind a Receiver can reconcile',
        fix: 'select a Flux source, Kustomization, HelmRelease or image object',
        source: expect.stringMatching(/receiver\.test\.ts:\d+:\d+$/),
      });
    });
  });
});
