import { formatIssue, type Issue } from '../../lib/errors';
import type { ManifestRecord } from '../../lib/validate/record';
import { validateObjectSchemas } from '../../lib/validate/schema-validator';
import { copy, fixture, VALID_FLUX_OBJECTS } from './schema-fixtures';

interface BadCase {
  readonly name: string;
  readonly record: ManifestRecord;
  readonly field: string;
  readonly message: RegExp;
  readonly fix: RegExp;
}

function raw(manifest: Record<string, unknown>): ManifestRecord {
  return { manifest };
}

const long = (n: number): string => 'a'.repeat(n);

const CASES: readonly BadCase[] = [
  {
    name: 'missing required field',
    record: fixture('GitRepository', { 'spec.url': undefined }),
    field: 'spec.url',
    message: /^is required$/,
    fix: /^set spec\.url: use a URL like "https:\/\/github\.com\/org\/repo"/,
  },
  {
    name: 'missing required nested field',
    record: fixture('Kustomization', { 'spec.sourceRef.name': undefined }),
    field: 'spec.sourceRef.name',
    message: /^is required$/,
    fix: /^set spec\.sourceRef\.name to a string value$/,
  },
  {
    name: 'missing required boolean',
    record: fixture('Kustomization', { 'spec.prune': undefined }),
    field: 'spec.prune',
    message: /^is required$/,
    fix: /a boolean value/,
  },
  {
    name: 'missing required object lists its own required fields',
    record: fixture('HelmChart', { 'spec.sourceRef': undefined }),
    field: 'spec.sourceRef',
    message: /^is required$/,
    fix: /with its required fields kind, name$/,
  },
  {
    name: 'boolean written as a string',
    record: fixture('Kustomization', { 'spec.prune': 'true' }),
    field: 'spec.prune',
    message: /^must be a boolean, not a string$/,
    fix: /^drop the quotes: true$/,
  },
  {
    name: 'integer field given a fraction (integer vs number)',
    record: fixture('HelmRelease with chart', { 'spec.install.remediation.retries': 1.5 }),
    field: 'spec.install.remediation.retries',
    message: /^must be an integer, not a number$/,
    fix: /whole number/,
  },
  {
    name: 'integer field given a quoted number',
    record: fixture('HelmRelease with chart', { 'spec.upgrade.remediation.retries': '3' }),
    field: 'spec.upgrade.remediation.retries',
    message: /^must be an integer, not a string$/,
    fix: /^drop the quotes: 3$/,
  },
  {
    name: 'string field given a YAML number',
    record: fixture('HelmChart', { 'spec.version': 6 }),
    field: 'spec.version',
    message: /^must be a string, not an integer$/,
    fix: /^quote it: "6"$/,
  },
  {
    name: 'map field given a string',
    record: fixture('Kustomization', { 'spec.sourceRef': 'flux-system' }),
    field: 'spec.sourceRef',
    message: /^must be a map, not a string$/,
    fix: /^use a map with fields such as apiVersion, kind, name, namespace$/,
  },
  {
    name: 'list field given a map',
    record: fixture('Kustomization', { 'spec.dependsOn': { name: 'infra' } }),
    field: 'spec.dependsOn',
    message: /^must be a list, not a map$/,
    fix: /list/,
  },
  {
    name: 'bad enum: HelmRepository type "http"',
    record: fixture('HelmRepository (default)', { 'spec.type': 'http' }),
    field: 'spec.type',
    message: /^is not one of the allowed values$/,
    fix: /^use one of "default", "oci"$/,
  },
  {
    name: 'enum with the wrong case',
    record: fixture('Kustomization', { 'spec.sourceRef.kind': 'gitrepository' }),
    field: 'spec.sourceRef.kind',
    message: /^is not one of the allowed values$/,
    fix: /^use "GitRepository" \(values are case-sensitive\)$/,
  },
  {
    name: 'enum inside a list item',
    record: fixture('Alert', { 'spec.eventSources': [{ kind: 'Deployment', name: 'podinfo' }] }),
    field: 'spec.eventSources[0].kind',
    message: /^is not one of the allowed values$/,
    fix: /"GitRepository"/,
  },
  {
    name: 'bad duration',
    record: fixture('HelmRelease with chart', { 'spec.interval': '5 min' }),
    field: 'spec.interval',
    message: /^does not match the Flux duration pattern \^\(\[0-9\]\+/,
    fix: /^use a value like "5m" or "1h30m"$/,
  },
  {
    name: 'duration in hours where only ms, s and m are allowed',
    record: fixture('GitRepository', { 'spec.timeout': '1h' }),
    field: 'spec.timeout',
    message: /^does not match the Flux duration pattern without hours/,
    fix: /not "h"/,
  },
  {
    name: 'unknown field (typo spec.intreval)',
    record: fixture('GitRepository', { 'spec.intreval': '5m' }),
    field: 'spec.intreval',
    message: /^is an unknown field$/,
    fix: /^did you mean "interval"\?/,
  },
  {
    name: 'unknown top-level field',
    record: fixture('GitRepository', { specs: {} }),
    field: 'specs',
    message: /^is an unknown field$/,
    fix: /did you mean "spec"/,
  },
  {
    name: 'unknown field with no close match lists the known ones',
    record: fixture('Kustomization', { 'spec.sourceRef.branch': 'main' }),
    field: 'spec.sourceRef.branch',
    message: /^is an unknown field$/,
    fix: /^remove it; the fields here are apiVersion, kind, name, namespace$/,
  },
  {
    name: 'string longer than maxLength (releaseName over 53)',
    record: fixture('HelmRelease with chart', { 'spec.releaseName': long(54) }),
    field: 'spec.releaseName',
    message: /^is 54 characters long, more than the maximum of 53$/,
    fix: /^shorten it to at most 53 characters$/,
  },
  {
    name: 'string shorter than minLength',
    record: fixture('HelmRelease with chart', { 'spec.targetNamespace': '' }),
    field: 'spec.targetNamespace',
    message: /^is empty$/,
    fix: /at least 1 character/,
  },
  {
    name: 'git URL in scp form',
    record: fixture('GitRepository', { 'spec.url': 'git@github.com:org/repo.git' }),
    field: 'spec.url',
    message: /^does not match the http\/https\/ssh URL pattern/,
    fix: /ssh:\/\/git@github\.com\/org\/repo/,
  },
  {
    name: 'OCIRepository with an https URL',
    record: fixture('OCIRepository', { 'spec.url': 'https://ghcr.io/org/app' }),
    field: 'spec.url',
    message: /^does not match the oci URL pattern/,
    fix: /oci:\/\//,
  },
  {
    name: 'bad values path',
    record: fixture('HelmRelease with chart', {
      'spec.valuesFrom': [{ kind: 'Secret', name: 'v', targetPath: 'a b' }],
    }),
    field: 'spec.valuesFrom[0].targetPath',
    message: /^does not match the values path pattern/,
    fix: /ingress\.hosts\[0\]\.host/,
  },
  {
    name: 'too few items',
    record: fixture('ArtifactGenerator', { 'spec.sources': [] }),
    field: 'spec.sources',
    message: /^has 0 items, fewer than the minimum of 1$/,
    fix: /^give it at least 1 item$/,
  },
  {
    name: 'too many items',
    record: fixture('ImageRepository', { 'spec.exclusionList': Array.from({ length: 26 }, (_, i) => `^v${i}$`) }),
    field: 'spec.exclusionList',
    message: /^has 26 items, more than the maximum of 25$/,
    fix: /^keep at most 25 items$/,
  },
  {
    name: 'duplicate key in a list-type map',
    record: fixture('Receiver (generic-oidc)', {
      'spec.oidcProviders': [
        { issuerURL: 'https://a.example.com', validations: [{ expression: 'true', message: 'm' }] },
        { issuerURL: 'https://a.example.com', validations: [{ expression: 'true', message: 'm' }] },
      ],
    }),
    field: 'spec.oidcProviders[1]',
    message: /^has the same issuerURL as item 0$/,
    fix: /different issuerURL/,
  },
  {
    name: 'null as a list item (the API server drops null fields, not null items)',
    record: fixture('Kustomization', { 'spec.components': ['../base', null] }),
    field: 'spec.components[1]',
    message: /^is null, but the field is not nullable$/,
    fix: /^remove spec\.components\[1\] or give it a string value$/,
  },
  {
    name: 'wrong apiVersion: a version Flux no longer serves',
    record: fixture('GitRepository', { apiVersion: 'source.toolkit.fluxcd.io/v1beta1' }),
    field: 'apiVersion',
    message: /^is not a version of GitRepository served by Flux v2\.9\.4: a Flux release before 2\.8 removed it$/,
    fix: /^use apiVersion source\.toolkit\.fluxcd\.io\/v1 for GitRepository; on a cluster that still runs a Flux older than 2\.8, run `flux migrate` before upgrading it/,
  },
  {
    name: 'wrong apiVersion: a version Flux 2.8 removed',
    record: fixture('HelmRelease with chart', { apiVersion: 'helm.toolkit.fluxcd.io/v2beta2' }),
    field: 'apiVersion',
    message:
      /^is not a version of HelmRelease served by Flux v2\.9\.4: Flux 2\.8 removed it \(Flux 2\.7 was the last to serve it\)$/,
    fix: /^use apiVersion helm\.toolkit\.fluxcd\.io\/v2 for HelmRelease; .*`flux migrate`/,
  },
  {
    name: 'wrong apiVersion: Alert is served as v1beta3',
    record: fixture('Alert', { apiVersion: 'notification.toolkit.fluxcd.io/v1' }),
    field: 'apiVersion',
    message: /^is not a version of Alert/,
    fix: /^use apiVersion notification\.toolkit\.fluxcd\.io\/v1beta3 for Alert$/,
  },
  {
    name: 'wrong apiVersion: a kind of another Flux group',
    record: fixture('HelmRepository (default)', { apiVersion: 'helm.toolkit.fluxcd.io/v2' }),
    field: 'apiVersion',
    message: /^is not the API group of HelmRepository$/,
    fix: /^use apiVersion source\.toolkit\.fluxcd\.io\/v1 for HelmRepository$/,
  },
  {
    name: 'apiVersion without a version',
    record: fixture('Kustomization', { apiVersion: 'kustomize.toolkit.fluxcd.io' }),
    field: 'apiVersion',
    message: /^has no version$/,
    fix: /kustomize\.toolkit\.fluxcd\.io\/v1/,
  },
  {
    name: 'unknown kind in a Flux group',
    record: fixture('GitRepository', { kind: 'GitRepositroy' }),
    field: 'kind',
    message: /^is not a kind of source\.toolkit\.fluxcd\.io in Flux v2\.9\.4$/,
    fix: /^did you mean "GitRepository"\?$/,
  },
  {
    name: 'Flux object without spec',
    record: fixture('HelmRelease with chart', { spec: undefined }),
    field: 'spec',
    message: /^is required: a HelmRelease without spec cannot be reconciled$/,
    fix: /^add spec with at least interval$/,
  },
  {
    name: 'name too long for a Kubernetes object',
    record: fixture('GitRepository', { 'metadata.name': long(254) }),
    field: 'metadata.name',
    message: /^is 254 characters long, more than the 253 a DNS-1123 subdomain allows$/,
    fix: /^shorten it to at most 253 characters$/,
  },
  {
    name: 'Kustomization name too long for the labels Flux sets',
    record: fixture('Kustomization', { 'metadata.name': long(64) }),
    field: 'metadata.name',
    message: /more than 63: Flux labels every object it applies with kustomize\.toolkit\.fluxcd\.io\/name/,
    fix: /at most 63/,
  },
  {
    name: 'bad label value',
    record: fixture('HelmRelease with chartRef', { 'metadata.labels': { tier: 'front end' } }),
    field: 'metadata.labels.tier',
    message: /^is not a valid label value$/,
    fix: /starting and ending with a letter or digit/,
  },
  {
    name: 'bad label key',
    record: fixture('GitRepository', { 'metadata.labels': { 'Example.com/app': 'x' } }),
    field: 'metadata.labels["Example.com/app"]',
    message: /^key has a prefix "Example\.com" that is not a DNS-1123 subdomain/,
    fix: /like "example\.com"/,
  },
];

function matching(expected: BadCase): Partial<Record<keyof Issue, unknown>> {
  return {
    field: expected.field,
    message: expect.stringMatching(expected.message),
    fix: expect.stringMatching(expected.fix),
  };
}

describe('bad Flux objects are reported with the field, the problem and the fix', () => {
  test('the table is large enough to mean something', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  test.each(CASES)('$name', (c) => {
    // GIVEN one mistake   WHEN validated   THEN an issue names the field, says what is wrong and how to fix it
    const issues = validateObjectSchemas([c.record]);
    expect(issues).toContainEqual(expect.objectContaining(matching(c)));
  });

  test('the duration message reads as documented', () => {
    const [issue] = validateObjectSchemas([fixture('HelmRelease with chart', { 'spec.interval': '5 min' })]);
    expect(formatIssue(issue)).toBe(
      'spec.interval "5 min" does not match the Flux duration pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$; ' +
        'use a value like "5m" or "1h30m"',
    );
  });

  test('every problem of an object is reported at once', () => {
    const record = fixture('HelmRepository (default)', {
      'spec.type': 'http',
      'spec.interval': '5 min',
      'spec.intreval': '5m',
      'metadata.name': 'Bitnami',
    });
    expect(
      validateObjectSchemas([record])
        .map((i) => i.field)
        .sort(),
    ).toEqual(['metadata.name', 'spec.interval', 'spec.intreval', 'spec.type']);
  });

  test('issues carry the construct path and file of their record; external records are skipped', () => {
    const bad = fixture('GitRepository', { 'spec.interval': 'soon' });
    const issues = validateObjectSchemas([
      {
        ...bad,
        constructPath: 'anton/infrastructure/podinfo/GitRepository/podinfo',
        file: 'infrastructure/podinfo/gitrepository-podinfo.yaml',
      },
      { ...bad, external: true },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        constructPath: 'anton/infrastructure/podinfo/GitRepository/podinfo',
        file: 'infrastructure/podinfo/gitrepository-podinfo.yaml',
        field: 'spec.interval',
      }),
    ]);
  });

  test('a CRD-valid change does not trip any check', () => {
    const manifest = copy(VALID_FLUX_OBJECTS.Kustomization);
    expect(validateObjectSchemas([raw(manifest)])).toEqual([]);
  });
});
