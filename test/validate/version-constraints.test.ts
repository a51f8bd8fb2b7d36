import { formatIssue } from '../../lib';
import { ManifestRecord } from '../../lib/validate/record';
import { validateRecords } from '../../lib/validate/validate-records';
import { checkVersionConstraints } from '../../lib/validate/version-constraints';

function helmRelease(version: string): ManifestRecord {
  return {
    manifest: {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', namespace: 'apps' },
      spec: {
        interval: '10m',
        chart: { spec: { chart: 'podinfo', version, sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
      },
    },
    file: 'apps/podinfo.yaml',
  };
}

function ociRepository(semver: string): ManifestRecord {
  return {
    manifest: {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { interval: '10m', url: 'oci://example.com/podinfo', ref: { semver } },
    },
    file: 'sources/podinfo.yaml',
  };
}

describe('checkVersionConstraints', () => {
  test('GIVEN a HelmRelease chart version "latest" THEN the error names the file, field and value', () => {
    expect(checkVersionConstraints([helmRelease('latest')]).map(formatIssue)).toEqual([
      '(apps/podinfo.yaml): spec.chart.spec.version "latest" is not a semver constraint: it has "latest", which is ' +
        'not a version (use numbers such as 1.2.3, a wildcard such as 1.x, or *); write a version or range such as ' +
        '"1.2.3", "1.x", "~1.2", "^1.2.3" or ">=1.0.0 <2.0.0" ("*" for the newest)',
    ]);
  });

  test('GIVEN an OCIRepository ref.semver ">=1.2 <<3" THEN it is reported', () => {
    const issues = checkVersionConstraints([ociRepository('>=1.2 <<3')]);
    expect(issues.map((i) => [i.field, i.value])).toEqual([['spec.ref.semver', '>=1.2 <<3']]);
  });

  test.each(['*', '1.x', '~1.2', '^1.2.3', '>=1.0.0 <2.0.0', '>= 1.2, < 3', '${CHART_VERSION}'])(
    'GIVEN the valid (or still substituted) version %j THEN nothing is reported',
    (version) => {
      expect(checkVersionConstraints([helmRelease(version), ociRepository(version)])).toEqual([]);
    },
  );

  test('GIVEN a bad version THEN validateRecords runs the check', () => {
    expect(validateRecords([helmRelease('six')]).some((i) => i.field === 'spec.chart.spec.version')).toBe(true);
  });
});
