import * as fc from 'fast-check';
import type { ManifestRecord } from '../../lib/validate/record';
import {
  isDns1123Label,
  isDns1123Subdomain,
  TOTAL_ANNOTATION_SIZE_LIMIT,
  validateObjectMeta,
} from '../../lib/validate/schema-validator';

function object(
  apiVersion: string,
  kind: string,
  metadata: unknown,
  extra: Record<string, unknown> = {},
): ManifestRecord {
  return { manifest: { apiVersion, kind, metadata, ...extra } };
}

const configMap = (metadata: unknown) => object('v1', 'ConfigMap', metadata);

/** `field message` of every issue, for compact assertions. */
function problems(record: ManifestRecord): string[] {
  return validateObjectMeta(record).map((i) => `${i.field} ${i.message}`);
}

describe('object metadata', () => {
  test('a plain object with name, namespace, labels and annotations passes', () => {
    const record = object('apps/v1', 'Deployment', {
      name: 'podinfo',
      namespace: 'apps',
      labels: { 'app.kubernetes.io/name': 'podinfo', tier: '', version: 'v6.7.1' },
      annotations: { 'Fluxcd.io/Note': 'any text: at all', description: '' },
      creationTimestamp: null,
    });
    expect(validateObjectMeta(record)).toEqual([]);
  });

  test('apiVersion, kind and metadata are required', () => {
    expect(problems({ manifest: { metadata: { name: 'a' } } })).toEqual(['apiVersion is required', 'kind is required']);
    expect(problems({ manifest: { apiVersion: 'v1', kind: 'ConfigMap' } })).toEqual(['metadata is required']);
    expect(problems(configMap('a'))).toEqual(['metadata must be a map, not a string']);
  });

  test('name is required unless generateName is set, and generateName is a valid prefix', () => {
    expect(validateObjectMeta(configMap({ namespace: 'apps' }))).toEqual([
      { field: 'metadata.name', message: 'is required', fix: 'set metadata.name, like "my-app"' },
    ]);
    expect(problems(configMap({ generateName: 'cache-' }))).toEqual([]);
    expect(problems(configMap({ generateName: 'Cache-' }))).toEqual([
      'metadata.generateName is not a DNS-1123 subdomain (it has uppercase letters)',
    ]);
  });

  test('most kinds need a DNS-1123 subdomain name (253)', () => {
    expect(problems(configMap({ name: 'app.config-1' }))).toEqual([]);
    expect(problems(configMap({ name: 'a'.repeat(253) }))).toEqual([]);
    expect(problems(configMap({ name: 'a'.repeat(254) }))).toEqual([
      'metadata.name is 254 characters long, more than the 253 a DNS-1123 subdomain allows',
    ]);
    expect(validateObjectMeta(configMap({ name: 'My_Config' }))).toEqual([
      {
        field: 'metadata.name',
        value: 'My_Config',
        message: 'is not a DNS-1123 subdomain (it has uppercase letters)',
        fix: 'use lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit, like "my-config"',
      },
    ]);
    expect(problems(configMap({ name: 'app..config' }))).toEqual(['metadata.name is not a DNS-1123 subdomain']);
  });

  test('Namespace names are DNS-1123 labels (63, no dots)', () => {
    const namespace = (name: string) => object('v1', 'Namespace', { name });
    expect(problems(namespace('cert-manager'))).toEqual([]);
    expect(problems(namespace('a'.repeat(64)))).toEqual([
      'metadata.name is 64 characters long, more than the 63 a DNS-1123 label allows',
    ]);
    expect(problems(namespace('team.apps'))).toEqual(['metadata.name is not a DNS-1123 label']);
  });

  test('Service names are DNS labels that start with a letter', () => {
    expect(problems(object('v1', 'Service', { name: 'web' }))).toEqual([]);
    expect(problems(object('v1', 'Service', { name: '1web' }))).toEqual(['metadata.name is not a DNS-1035 label']);
    expect(problems(object('v1', 'Service', { name: 'web.internal' }))).toEqual([
      'metadata.name is not a DNS-1035 label',
    ]);
    expect(problems(object('apps/v1', 'Deployment', { name: '1web' }))).toEqual([]);
  });

  test('RBAC names are path segments; CronJob names stop at 52', () => {
    const role = (name: string) => object('rbac.authorization.k8s.io/v1', 'ClusterRole', { name });
    expect(problems(role('system:aggregate-to-edit'))).toEqual([]);
    expect(problems(role('a/b'))).toEqual(['metadata.name may not contain "/" or "%"']);
    expect(problems(object('batch/v1', 'CronJob', { name: 'a'.repeat(52) }))).toEqual([]);
    expect(problems(object('batch/v1', 'CronJob', { name: 'a'.repeat(53) }))).toEqual([
      'metadata.name is 53 characters long, more than the 52 a CronJob name allows',
    ]);
  });

  test('Kustomization and HelmRelease names stop at 63 (Flux puts them in label values); other Flux kinds at 253', () => {
    const name = 'a'.repeat(64);
    expect(problems(object('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', { name }))).toEqual([
      expect.stringMatching(/^metadata\.name is 64 characters long, more than 63: Flux labels/),
    ]);
    expect(problems(object('helm.toolkit.fluxcd.io/v2', 'HelmRelease', { name }))).toEqual([
      expect.stringMatching(/helm\.toolkit\.fluxcd\.io\/name/),
    ]);
    expect(problems(object('source.toolkit.fluxcd.io/v1', 'GitRepository', { name }))).toEqual([]);
  });

  test('namespace is a DNS-1123 label', () => {
    expect(problems(configMap({ name: 'a', namespace: 'flux-system' }))).toEqual([]);
    expect(problems(configMap({ name: 'a', namespace: 'Flux_System' }))).toEqual([
      'metadata.namespace is not a DNS-1123 label (it has uppercase letters)',
    ]);
    expect(problems(configMap({ name: 'a', namespace: 7 }))).toEqual([
      'metadata.namespace must be a string, not an integer',
    ]);
  });

  test('label keys: optional DNS subdomain prefix, "/", and a name of at most 63', () => {
    const labels = (l: Record<string, unknown>) => problems(configMap({ name: 'a', labels: l }));
    expect(labels({ 'example.com/app_name.v-1': 'x', A: 'x' })).toEqual([]);
    expect(labels({ 'a/b/c': 'x' })).toEqual(['metadata.labels["a/b/c"] key has more than one "/"']);
    expect(labels({ 'Example.com/app': 'x' })).toEqual([
      'metadata.labels["Example.com/app"] key has a prefix "Example.com" that is not a DNS-1123 subdomain (it has uppercase letters)',
    ]);
    expect(labels({ [`example.com/${'n'.repeat(64)}`]: 'x' })).toEqual([
      `metadata.labels["example.com/${'n'.repeat(64)}"] key has a name part of 64 characters, more than 63`,
    ]);
    expect(labels({ '-app': 'x' })).toEqual([
      'metadata.labels["-app"] key has a name part "-app" that is not a qualified name',
    ]);
    expect(labels({ '/app': 'x' })).toEqual(['metadata.labels["/app"] key has an empty prefix before "/"']);
  });

  test('label values: at most 63 of the same characters, or empty; strings only', () => {
    const labels = (l: Record<string, unknown>) => problems(configMap({ name: 'a', labels: l }));
    expect(labels({ v: '', w: 'A.b_c-1' })).toEqual([]);
    expect(labels({ v: 'x'.repeat(64) })).toEqual([
      'metadata.labels.v is 64 characters long, more than the 63 a label value allows',
    ]);
    expect(labels({ v: 'front end' })).toEqual(['metadata.labels.v is not a valid label value']);
    expect(labels({ v: '-x' })).toEqual(['metadata.labels.v is not a valid label value']);
    expect(labels({ replicas: 3 })).toEqual(['metadata.labels.replicas must be a string, not an integer']);
    expect(labels({ enabled: true })).toEqual(['metadata.labels.enabled must be a string, not a boolean']);
  });

  test('annotation keys are qualified names (case-insensitive), values strings, total at most 256 KiB', () => {
    const annotations = (a: Record<string, unknown>) => problems(configMap({ name: 'a', annotations: a }));
    expect(annotations({ 'Example.com/Note': 'x' })).toEqual([]);
    expect(annotations({ 'bad key': 'x' })).toEqual([
      'metadata.annotations["bad key"] key has a name part "bad key" that is not a qualified name',
    ]);
    expect(annotations({ port: 8080 })).toEqual(['metadata.annotations.port must be a string, not an integer']);
    expect(annotations({ big: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 3) })).toEqual([]);
    expect(annotations({ big: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT - 2) })).toEqual([
      `metadata.annotations total ${TOTAL_ANNOTATION_SIZE_LIMIT + 1} bytes, more than the ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (256 KiB) the API server allows`,
    ]);
  });

  test('unknown metadata fields are rejected, with a suggestion', () => {
    expect(validateObjectMeta(configMap({ name: 'a', label: { a: 'b' } }))).toEqual([
      {
        field: 'metadata.label',
        message: 'is an unknown field',
        fix: 'did you mean "labels"? rename it, or remove it',
      },
    ]);
  });

  test('tool configuration files (kustomization.yaml, .fluxschema.yml) are not objects and are not checked', () => {
    const kustomize = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [] };
    expect(validateObjectMeta({ manifest: kustomize })).toEqual([]);
    const fluxSchema = { apiVersion: 'schema.plugin.fluxcd.io/v1beta1', kind: 'Config', validate: {} };
    expect(validateObjectMeta({ manifest: fluxSchema })).toEqual([]);
    expect(problems({ manifest: { apiVersion: 'example.com/v1', kind: 'Config' } })).toEqual(['metadata is required']);
  });

  test('SOPS-encrypted values are not checked in encrypted records, but everything else is', () => {
    const metadata = {
      name: 'ENC[AES256_GCM,data:abc=,type:str]',
      labels: { team: 'ENC[AES256_GCM,data:x,type:str]' },
    };
    expect(validateObjectMeta({ ...object('v1', 'Secret', metadata), encrypted: true })).toEqual([]);
    expect(problems(object('v1', 'Secret', metadata))).toEqual([
      'metadata.name is not a DNS-1123 subdomain (it has uppercase letters)',
      'metadata.labels.team is not a valid label value',
    ]);
    expect(problems({ ...object('v1', 'Secret', { name: 'Bad_Name' }), encrypted: true })).toEqual([
      'metadata.name is not a DNS-1123 subdomain (it has uppercase letters)',
    ]);
  });
});

/** An oracle written differently from the validator: character by character, label by label. */
function oracleSubdomain(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => {
    if (label.length === 0 || label.length > 63) return false;
    const alnum = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum(label[0]) && alnum(label[label.length - 1]) && [...label].every((c) => alnum(c) || c === '-');
  });
}

const labelArb = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
const subdomainArb = fc
  .array(labelArb, { minLength: 1, maxLength: 5 })
  .map((labels) => labels.join('.'))
  .filter((name) => name.length <= 253);

describe('DNS-1123 names (property-based)', () => {
  test('random valid labels and subdomains pass as object names', () => {
    fc.assert(
      fc.property(labelArb, subdomainArb, (label, subdomain) => {
        expect(isDns1123Label(label)).toBe(true);
        expect(isDns1123Subdomain(subdomain)).toBe(true);
        expect(validateObjectMeta(object('v1', 'Namespace', { name: label }))).toEqual([]);
        expect(validateObjectMeta(configMap({ name: subdomain, namespace: label }))).toEqual([]);
      }),
    );
  });

  test('random invalid names fail with a metadata.name issue', () => {
    const forbidden = fc.constantFrom('A', 'Z', '_', ' ', '@', '/', ':', 'é', '*');
    const invalid = fc.oneof(
      // a valid name with a forbidden character put somewhere
      fc
        .tuple(subdomainArb, forbidden, fc.nat())
        .map(([n, c, i]) => n.slice(0, i % (n.length + 1)) + c + n.slice(i % (n.length + 1))),
      // a name starting or ending with "-" or "."
      fc.tuple(subdomainArb, fc.constantFrom('-', '.')).chain(([n, c]) => fc.constantFrom(c + n, n + c)),
      // two dots in a row
      fc.tuple(labelArb, labelArb).map(([a, b]) => `${a}..${b}`),
      // too long
      fc.integer({ min: 254, max: 400 }).map((n) => 'a'.repeat(n)),
    );
    fc.assert(
      fc.property(invalid, (name) => {
        expect(isDns1123Subdomain(name)).toBe(false);
        expect(validateObjectMeta(configMap({ name })).map((i) => i.field)).toEqual(['metadata.name']);
      }),
    );
  });

  test('the validator agrees with an independent oracle on arbitrary strings', () => {
    const chars = fc.constantFrom(...'abz09-.A_'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 80 }), (name) => {
        expect(isDns1123Subdomain(name)).toBe(oracleSubdomain(name));
      }),
      { numRuns: 2000 },
    );
  });
});
