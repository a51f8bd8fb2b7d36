import {
  GitRef,
  GitRepository,
  ImageUpdateAutomation,
  ImageUpdateAutomationProps,
  ImageUpdateStrategy,
  SigningKeyType,
  externalSecret,
} from '../../lib';
import { allIssuesOf } from './all-issues';
import { fileOf, manifestOf, service, specOf } from './fixture';

const EMAIL = 'fluxcdbot@users.noreply.github.com';
const PATH = 'r/services/x/ImageUpdateAutomation/auto';

/** An application `x` with the GitRepository `fleet` in it. */
function fixture() {
  const f = service('x');
  const fleet = new GitRepository(f.a, 'fleet', { url: 'ssh://git@github.com/o/fleet' });
  return { ...f, fleet };
}

describe('ImageUpdateAutomation', () => {
  test('GIVEN a source and an author WHEN made THEN writes sourceRef, a 30m interval, the author and Setters', () => {
    const { app, a, fleet } = fixture();
    const auto = new ImageUpdateAutomation(a, 'auto', { source: fleet, commit: { authorEmail: EMAIL } });
    expect(manifestOf(auto).apiVersion).toBe('image.toolkit.fluxcd.io/v1');
    expect(specOf(auto)).toStrictEqual({
      sourceRef: { kind: 'GitRepository', name: 'fleet' },
      interval: '30m',
      git: { commit: { author: { email: EMAIL } } },
      update: { strategy: 'Setters' },
    });
    expect(fileOf(app, 'services/x/imageupdateautomation-auto.yaml')).toEqual(manifestOf(auto));
  });

  test('GIVEN every git option WHEN made THEN writes checkout, commit, signing key and push', () => {
    const { a, fleet } = fixture();
    const auto = new ImageUpdateAutomation(a, 'auto', {
      source: fleet,
      checkout: GitRef.branch('main'),
      commit: {
        authorEmail: EMAIL,
        authorName: 'fluxcdbot',
        messageTemplate: 'Automated image update\n\n{{ range .Changed.Changes }}{{ .NewValue }}\n{{ end }}',
        messageTemplateValues: { env: 'prod' },
        signingKey: externalSecret(a, 'sign', 'signing-key'),
        signingKeyType: SigningKeyType.SSH,
      },
      push: {
        branch: 'image-updates',
        refspec: 'refs/heads/main:refs/heads/auto',
        options: { 'merge_request.create': '' },
      },
      update: ImageUpdateStrategy.setters('./clusters/prod'),
      policySelector: { matchLabels: { team: 'web' } },
      interval: '1h',
      suspend: true,
    });
    expect(specOf(auto)).toStrictEqual({
      sourceRef: { kind: 'GitRepository', name: 'fleet' },
      interval: '1h',
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: {
          author: { email: EMAIL, name: 'fluxcdbot' },
          messageTemplate: 'Automated image update\n\n{{ range .Changed.Changes }}{{ .NewValue }}\n{{ end }}',
          messageTemplateValues: { env: 'prod' },
          signingKey: { secretRef: { name: 'signing-key' }, type: 'ssh' },
        },
        push: {
          branch: 'image-updates',
          refspec: 'refs/heads/main:refs/heads/auto',
          options: { 'merge_request.create': '' },
        },
      },
      update: { path: './clusters/prod', strategy: 'Setters' },
      policySelector: { matchLabels: { team: 'web' } },
      suspend: true,
    });
  });

  test('GIVEN a GitRepository of another namespace or declared external WHEN referenced THEN writes its namespace when it differs', () => {
    const { a, repo } = fixture();
    const other = new GitRepository(repo.service('git', { namespace: 'git' }), 'apps', {
      url: 'https://github.com/o/apps',
    });
    const system = GitRepository.fromName(a, 'sys', 'flux-system');
    const ref = (source: typeof other | typeof system, id: string) =>
      specOf(new ImageUpdateAutomation(a, id, { source, commit: { authorEmail: EMAIL } })).sourceRef;
    expect(ref(other, 'one')).toStrictEqual({ kind: 'GitRepository', name: 'apps', namespace: 'git' });
    expect(ref(system, 'two')).toStrictEqual({ kind: 'GitRepository', name: 'flux-system' });
  });

  test.each<[string, Partial<ImageUpdateAutomationProps>, string[]]>([
    [
      'an author without an @ and a key type without a key',
      { commit: { authorEmail: 'fluxcdbot', signingKeyType: SigningKeyType.GPG } },
      [
        `${PATH}: commit.authorEmail "fluxcdbot" is not an e-mail address; use an address such as "fluxcdbot@users.noreply.github.com"`,
        `${PATH}: commit.signingKeyType "gpg" is set without a signing key; set commit.signingKey to the Secret with the key`,
      ],
    ],
  ])('GIVEN %s WHEN made THEN fails with every message', (_what, props, expected) => {
    const { a, fleet } = fixture();
    expect(
      allIssuesOf(
        () => new ImageUpdateAutomation(a, 'auto', { source: fleet, commit: { authorEmail: EMAIL }, ...props }),
      ),
    ).toStrictEqual(expected);
  });
});
