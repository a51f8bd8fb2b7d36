import { Construct } from 'constructs';
import {
  ExternalObject,
  ExternalObjectOptions,
  GitRepository,
  HelmRelease,
  HelmRepository,
  IReferenceable,
  Kustomization,
  OciRepository,
} from '../../lib';
import { service } from './fixture';

type FromName = (scope: Construct, id: string, name: string, options?: ExternalObjectOptions) => IReferenceable;

describe.each<[string, string, FromName]>([
  ['GitRepository', 'source.toolkit.fluxcd.io/v1', (...args) => GitRepository.fromName(...args)],
  ['OCIRepository', 'source.toolkit.fluxcd.io/v1', (...args) => OciRepository.fromName(...args)],
  ['HelmRepository', 'source.toolkit.fluxcd.io/v1', (...args) => HelmRepository.fromName(...args)],
  ['HelmRelease', 'helm.toolkit.fluxcd.io/v2', (...args) => HelmRelease.fromName(...args)],
  ['Kustomization', 'kustomize.toolkit.fluxcd.io/v1', (...args) => Kustomization.fromName(...args)],
])('%s.fromName', (kind, apiVersion, fromName) => {
  test('declares an external object of that kind, in the namespace given', () => {
    const { a } = service('x', { namespace: 'apps' });
    const external = fromName(a, 'ext', 'outside', { namespace: 'elsewhere' });
    expect(ExternalObject.isExternalObject(external)).toBe(true);
    expect(external.ref).toEqual({ apiVersion, kind, name: 'outside', namespace: 'elsewhere' });
  });

  test("defaults to the application's namespace, else flux-system", () => {
    const { repo, a } = service('x', { namespace: 'apps' });
    expect(fromName(a, 'ext', 'outside').ref.namespace).toBe('apps');
    expect(fromName(repo.service('y'), 'ext', 'outside').ref.namespace).toBe('flux-system');
  });

  test('is written to no file of the tree, only declared in its .cdk8s-flux.yaml', () => {
    const { app, a } = service('x');
    fromName(a, 'ext', 'outside');
    const { '.cdk8s-flux.yaml': declarations, ...files } = Object.fromEntries(app.synthTree());
    expect(Object.values(files).join('\n')).not.toMatch(/outside/);
    expect(declarations).toMatch(/\n {2}- \w+\/flux-system\/outside\n/);
  });
});

test('ExternalObject.isExternalObject is false for an object made by the app', () => {
  const { a } = service('x');
  expect(ExternalObject.isExternalObject(new GitRepository(a, 'src', { url: 'https://github.com/o/r' }))).toBe(false);
});
