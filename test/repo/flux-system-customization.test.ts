import { parse } from 'yaml';
import { FluxApp, FluxComponents, FluxValidationError, GitOpsRepository } from '../../lib';
import { FluxSystemCustomization } from '../../lib/repo/flux-system-customization';
import { tempDir } from '../support/temp';

function fluxSystemKustomization(fluxSystem?: FluxSystemCustomization): unknown {
  const app = new FluxApp({ outdir: tempDir() });
  new GitOpsRepository(app, 'lab', {
    url: 'ssh://git@github.com/o/lab',
    path: 'clusters/lab',
    fluxComponents: FluxComponents.INCLUDE,
    fluxSystem,
  });
  return parse(app.synthTree().get('clusters/lab/flux/flux-system/kustomization.yaml') ?? '');
}

function issuesOf(fluxSystem: FluxSystemCustomization): string[] {
  try {
    fluxSystemKustomization(fluxSystem);
  } catch (e) {
    if (e instanceof FluxValidationError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected a FluxValidationError');
}

describe('GitOpsRepository fluxSystem: the bootstrap customization of flux-system/kustomization.yaml', () => {
  test('by default the folder lists its files and nothing more', () => {
    expect(fluxSystemKustomization()).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['gotk-components.yaml', 'gotk-sync.yaml'],
    });
  });

  test('writes labels (metadata only, selectors untouched) and patches after the resources', () => {
    const text = fluxSystemKustomization({
      labels: { 'toolkit.fluxcd.io/tenant': 'sre-team' },
      patches: [
        {
          patch: [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--concurrent=20' }],
          target: { kind: 'Deployment', name: '(kustomize-controller|helm-controller)' },
        },
        { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\n' },
      ],
    });
    expect(text).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['gotk-components.yaml', 'gotk-sync.yaml'],
      labels: [{ pairs: { 'toolkit.fluxcd.io/tenant': 'sre-team' } }],
      patches: [
        {
          patch: '- op: add\n  path: /spec/template/spec/containers/0/args/-\n  value: --concurrent=20\n',
          target: { kind: 'Deployment', name: '(kustomize-controller|helm-controller)' },
        },
        { patch: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\n' },
      ],
    });
  });

  test('keeps apiVersion, kind and resources first, and only the flux-system folder gets the fields', () => {
    const app = new FluxApp({ outdir: tempDir() });
    const repo = new GitOpsRepository(app, 'lab', {
      url: 'ssh://git@github.com/o/lab',
      fluxSystem: { labels: { team: 'sre' } },
    });
    repo.service('podinfo');
    const tree = app.synthTree();
    expect(tree.get('flux/flux-system/kustomization.yaml')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\nlabels:\n  - pairs:\n      team: sre\n',
    );
    expect(tree.get('flux/kustomization.yaml')).not.toContain('labels');
    expect(tree.get('flux/services/kustomization.yaml')).not.toContain('labels');
  });

  test('reports every bad label and empty patch at once, with the construct path and a fix', () => {
    expect(
      issuesOf({ labels: { 'bad key!': 'ok', tenant: 'not ok' }, patches: [{ patch: ' ' }, { patch: [] }] }),
    ).toEqual([
      '4 problems found:',
      '  - lab: fluxSystem.labels["bad key!"] "bad key!" key has a name part "bad key!" that is not a qualified name; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, like "app.kubernetes.io/name" or "tier"',
      '  - lab: fluxSystem.labels["tenant"] "not ok" is not a valid label value; use letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or an empty value), like "v1.2.0"',
      '  - lab: fluxSystem.patches[0].patch " " is empty; write the patch (YAML text or a list of JSON 6902 operations), or drop the entry',
      '  - lab: fluxSystem.patches[1].patch "[]" is empty; write the patch (YAML text or a list of JSON 6902 operations), or drop the entry',
    ]);
  });
});
