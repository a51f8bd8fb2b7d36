import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-30';
import { ProviderSpecType } from '../../imports/notification.toolkit.fluxcd.io';
import { Provider, ProviderProps, ProviderType, SopsSecret, externalSecret } from '../../lib';
import { EncryptionRuleKind } from '../../lib/sops';
import { encryptSopsFile } from '../../lib/sops/encrypt-decrypt';
import { AgeRecipient } from '../../lib/sops/keys/age-recipient';
import { EXAMPLE_AGE_RECIPIENT } from '../../main';
import { tempDir } from '../support/temp';
import { allIssuesOf } from './all-issues';
import { fileOf, manifestOf, service, specOf, synthIssueOf } from './fixture';

const HOOK = 'https://hooks.slack.com/services/T0/B0/X';
const PATH = 'r/services/x/Provider/p';

describe('Provider', () => {
  test('GIVEN a slack type and an address WHEN made THEN writes only type and address, and a file of its own', () => {
    const { app, a } = service('x');
    const p = new Provider(a, 'slack', { type: ProviderType.SLACK, address: HOOK });
    expect(manifestOf(p).apiVersion).toBe('notification.toolkit.fluxcd.io/v1beta3');
    expect(specOf(p)).toStrictEqual({ type: 'slack', address: HOOK });
    expect(p.type).toBe(ProviderType.SLACK);
    expect(fileOf(app, 'services/x/provider-slack.yaml')).toEqual(manifestOf(p));
  });

  test.each<[string, Partial<ProviderProps>, Record<string, unknown>]>([
    ['channel', { channel: 'general' }, { channel: 'general' }],
    ['username', { username: 'flux' }, { username: 'flux' }],
    ['timeout', { timeout: Duration.seconds(90) }, { timeout: '1m30s' }],
    ['interval', { interval: '10m' }, { interval: '10m' }],
    ['proxy', { proxy: 'http://proxy:3128' }, { proxy: 'http://proxy:3128' }],
    ['suspend', { suspend: true }, { suspend: true }],
  ])('GIVEN %s WHEN made THEN writes it to its spec field', (_field, props, expected) => {
    const { a } = service('x');
    expect(specOf(new Provider(a, 'p', { type: ProviderType.SLACK, address: HOOK, ...props }))).toStrictEqual({
      type: 'slack',
      address: HOOK,
      ...expected,
    });
  });

  test('GIVEN every ProviderType WHEN listed THEN it is exactly the enum of the served CRD', () => {
    expect([...Object.values(ProviderType)].sort()).toStrictEqual([...Object.values(ProviderSpecType)].sort());
  });

  describe('Secret references are objects', () => {
    test('GIVEN a k8s Secret, an external Secret and a SopsSecret WHEN referenced THEN each writes its name', async () => {
      const { a } = service('x');
      const token = new kplus.k8s.KubeSecret(a, 'token', { metadata: { name: 'gh-token' } });
      const ca = externalSecret(a, 'ca', 'corp-ca');
      const file = path.join(tempDir(), 'proxy-auth.yaml');
      const plaintext =
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: proxy-auth\nstringData:\n  address: http://p:3128\n';
      const keyGroups = [[AgeRecipient.fromString(EXAMPLE_AGE_RECIPIENT)]];
      fs.writeFileSync(
        file,
        await encryptSopsFile(plaintext, {
          format: 'yaml',
          keyGroups,
          encryptionRule: { kind: EncryptionRuleKind.ENCRYPTED_REGEX, pattern: '^stringData$' },
        }),
      );
      const proxy = SopsSecret.fromFile(a, 'proxy-auth', file);
      const p = new Provider(a, 'p', {
        type: ProviderType.GITHUB,
        address: 'https://github.com/o/r',
        secret: token,
        certSecret: ca,
        proxySecret: proxy,
        commitStatusExpr: "event.metadata.env + '/' + event.involvedObject.name",
      });
      expect(specOf(p)).toStrictEqual({
        type: 'github',
        address: 'https://github.com/o/r',
        secretRef: { name: 'gh-token' },
        certSecretRef: { name: 'corp-ca' },
        proxySecretRef: { name: 'proxy-auth' },
        commitStatusExpr: "event.metadata.env + '/' + event.involvedObject.name",
      });
    });

    test('GIVEN a Secret of another namespace WHEN referenced THEN fails naming both namespaces', () => {
      const { a } = service('x');
      const other = externalSecret(a, 'tok', 'tok', { namespace: 'apps' });
      expect(synthIssueOf(() => new Provider(a, 'p', { type: ProviderType.SLACK, secret: other }))).toStrictEqual({
        constructPath: PATH,
        field: 'secret',
        value: 'apps/tok',
        message:
          'is in another namespace than this object ("flux-system"); Flux looks for the Secret in the same namespace',
        fix: 'make the Secret in namespace "flux-system"',
        source: expect.stringMatching(/provider\.test\.ts:\d+:\d+$/),
      });
    });

    test('GIVEN a cdk8s-plus Secret WHEN referenced THEN writes its name', () => {
      const { a } = service('x');
      const s = new kplus.Secret(a, 'hook', { metadata: { name: 'slack-hook' } });
      expect(specOf(new Provider(a, 'p', { type: ProviderType.SLACK, secret: s })).secretRef).toStrictEqual({
        name: 'slack-hook',
      });
    });

    test('GIVEN an object that is not a Secret WHEN referenced as one THEN fails with its kind', () => {
      const { a } = service('x');
      const cm = new kplus.k8s.KubeConfigMap(a, 'cm', { metadata: { name: 'settings' } });
      expect(synthIssueOf(() => new Provider(a, 'p', { type: ProviderType.SLACK, secret: cm }))).toMatchObject({
        field: 'secret',
        value: 'ConfigMap/settings',
        message: 'is not a Secret',
      });
    });
  });

  describe('type rules and CEL, all reported at once', () => {
    test.each<[string, ProviderProps, string[]]>([
      [
        'a github provider without address or secret',
        { type: ProviderType.GITHUB },
        [
          `${PATH}: address is required for type "github"; set address, or a secret with an "address" key`,
          `${PATH}: secret is required for type "github" (its token or key); set secret to the Secret with the "token" key`,
        ],
      ],
      [
        'a telegram provider without channel or secret',
        { type: ProviderType.TELEGRAM },
        [
          `${PATH}: secret is required for type "telegram" (its token or key); set secret to the Secret with the "token" key`,
          `${PATH}: channel is required for type "telegram"; set channel to the room, chat, topic or subject`,
        ],
      ],
      [
        'a slack provider with commitStatusExpr',
        { type: ProviderType.SLACK, address: HOOK, commitStatusExpr: 'event.message' },
        [
          `${PATH}: commitStatusExpr "event.message" is only supported for the 'github', 'gitlab', 'gitea', 'bitbucketserver', 'bitbucket', 'azuredevops' provider types; remove commitStatusExpr, or use a commit-status provider type`,
        ],
      ],
      [
        'a generic provider with a host for address and a serviceAccountName',
        { type: ProviderType.GENERIC, address: 'hooks.example.com', serviceAccountName: 'sa' },
        [
          `${PATH}: address "hooks.example.com" is not an http(s):// URL, as type "generic" needs; use a URL such as "https://hooks.example.com/flux"`,
          `${PATH}: serviceAccountName "sa" is not supported for type "generic"; use it with azureeventhub, azuredevops or googlepubsub only`,
        ],
      ],
      [
        'a proxy without scheme and a timeout in hours',
        { type: ProviderType.SLACK, address: HOOK, proxy: 'proxy:3128', timeout: '1h' },
        [
          `${PATH}: proxy "proxy:3128" is not an http(s):// URL; use proxySecret, or a URL such as "http://proxy:3128"`,
          `${PATH}: timeout "1h" is not a duration in ms, s or m; use a value like "30s" or "1m30s"`,
        ],
      ],
      [
        'an over-long channel',
        { type: ProviderType.SLACK, address: HOOK, channel: 'c'.repeat(2049) },
        [`${PATH}: channel "${'c'.repeat(117)}..." is longer than 2048 characters; shorten it`],
      ],
    ])('GIVEN %s WHEN made THEN fails with every message', (_what, props, expected) => {
      const { a } = service('x');
      expect(allIssuesOf(() => new Provider(a, 'p', props))).toStrictEqual(expected);
    });

    test.each<[string, ProviderProps]>([
      [
        'address in the Secret',
        { type: ProviderType.GENERIC, secret: { secretName: 's', secretNamespace: 'flux-system' } },
      ],
      ['a project ID for googlepubsub', { type: ProviderType.GOOGLE_PUBSUB, address: 'my-project', channel: 'topic' }],
      [
        'workload identity instead of a secret',
        { type: ProviderType.AZURE_DEVOPS, address: 'https://dev.azure.com/o/p/_git/r', serviceAccountName: 'sa' },
      ],
      [
        'no address for telegram',
        { type: ProviderType.TELEGRAM, channel: '@c', secret: { secretName: 't', secretNamespace: 'flux-system' } },
      ],
    ])('GIVEN %s WHEN made THEN accepts it', (_what, props) => {
      const { a } = service('x');
      expect(specOf(new Provider(a, 'p', props)).type).toBe(props.type);
    });
  });
});
