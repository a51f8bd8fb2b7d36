import { FluxValidationError, HelmChartSource, HelmRelease, HelmRepository } from '../../lib';
import { mergeHelmValues } from '../../lib/flux/helm-values';
import { service, specOf } from './fixture';

describe('mergeHelmValues', () => {
  test('merges maps key by key at any depth; an overlay value replaces the one below it', () => {
    expect(
      mergeHelmValues(
        { redis: { enabled: true, tag: '7' }, httpRoute: { enabled: true, hostnames: ['podinfo.local'] } },
        { redis: { tag: '8' }, httpRoute: { hostnames: ['podinfo.staging'] } },
      ),
    ).toStrictEqual({
      redis: { enabled: true, tag: '8' },
      httpRoute: { enabled: true, hostnames: ['podinfo.staging'] },
    });
  });

  test('applies overlays in order, skipping undefined ones', () => {
    expect(mergeHelmValues({ a: 1 }, { a: 2, b: 1 }, undefined, { b: 2 })).toStrictEqual({ a: 2, b: 2 });
  });

  test('replaces lists whole, like a values file does', () => {
    expect(mergeHelmValues({ hosts: ['a', 'b'] }, { hosts: ['c'] })).toStrictEqual({ hosts: ['c'] });
  });

  test('a map replaces a scalar and a scalar a map', () => {
    expect(mergeHelmValues({ a: 'x', b: { c: 1 } }, { a: { y: 1 }, b: false })).toStrictEqual({
      a: { y: 1 },
      b: false,
    });
  });

  test('an undefined key keeps the value below it; null is kept, so Helm drops the chart default', () => {
    expect(mergeHelmValues({ a: 1, b: 2 }, { a: undefined, b: null })).toStrictEqual({ a: 1, b: null });
  });

  test('leaves its inputs untouched and shares nothing with them', () => {
    const base = { redis: { enabled: true, hosts: ['a'] } };
    const overlay = { redis: { tag: '8' } };
    const merged = mergeHelmValues(base, overlay) as { redis: { hosts: string[] } };
    merged.redis.hosts.push('b');
    expect(base).toStrictEqual({ redis: { enabled: true, hosts: ['a'] } });
    expect(overlay).toStrictEqual({ redis: { tag: '8' } });
  });

  test('reports every value that is not JSON data, with its path', () => {
    class Port {
      constructor(public readonly n: number) {}
    }
    let error: unknown;
    try {
      mergeHelmValues({ a: { b: () => 1 } }, { c: [1, undefined], 'd.e': Number.NaN, f: new Port(80) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FluxValidationError);
    expect((error as FluxValidationError).issues.map((i) => `${i.field} ${i.message}`)).toEqual([
      'values.a.b is a function, not plain data',
      'values.c[1] is undefined, which a list of values cannot hold',
      'values["d.e"] is not a finite number, which JSON cannot hold',
      'values.f is a Port object, not plain data',
    ]);
  });

  test('refuses a base or an overlay that is not a map', () => {
    expect(() => mergeHelmValues([] as never, 'x' as never)).toThrow(
      /base "\[\]" is not a map of values; pass a plain object\n.*overlays\[0\] "x" is not a map of values; pass a plain object, or undefined for no overlay/,
    );
  });

  test('its result is what a HelmRelease writes to spec.values', () => {
    const { a } = service('podinfo');
    const charts = new HelmRepository(a, 'podinfo', { url: 'https://stefanprodan.github.io/podinfo' });
    const release = new HelmRelease(a, 'podinfo', {
      chart: HelmChartSource.fromRepository(charts, 'podinfo'),
      values: mergeHelmValues({ replicaCount: 1, ingress: { enabled: false } }, { ingress: { enabled: true } }),
    });
    expect(specOf(release).values).toStrictEqual({ replicaCount: 1, ingress: { enabled: true } });
  });
});
