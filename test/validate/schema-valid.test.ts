import { formatIssue } from '../../lib/errors';
import { validateObjectSchemas, validateSchema } from '../../lib/validate/schema-validator';
import { FLUX_KIND_SCHEMAS } from '../../lib/validate/crd-schemas';
import { fixture, VALID_FLUX_OBJECTS } from './schema-fixtures';

describe('valid Flux objects pass the CRD schema checks', () => {
  test.each(Object.keys(VALID_FLUX_OBJECTS))('%s', (name) => {
    // GIVEN a realistic object   WHEN it is validated   THEN nothing is reported
    expect(validateObjectSchemas([fixture(name)]).map(formatIssue)).toEqual([]);
  });

  test('every served Flux kind has at least one valid fixture', () => {
    const covered = new Set(Object.values(VALID_FLUX_OBJECTS).map((m) => `${String(m.apiVersion)}/${String(m.kind)}`));
    const served = FLUX_KIND_SCHEMAS.map((k) => `${k.group}/${k.version}/${k.kind}`);
    expect(served.filter((k) => !covered.has(k))).toEqual([]);
    expect(served).toHaveLength(15);
  });

  test('defaults are applied before checking, without changing the record', () => {
    // Bucket rules read spec.provider, which the API server defaults to "generic".
    const record = fixture('Bucket', { 'spec.provider': undefined });
    expect(validateSchema(record)).toEqual([]);
    expect((record.manifest.spec as Record<string, unknown>).provider).toBeUndefined();
  });

  test('a null in a non-nullable field is dropped as the API server drops it, not reported', () => {
    // GIVEN nulls in optional fields, a nested one and one under a map   WHEN validated   THEN nothing is reported
    const record = fixture('Kustomization', {
      'spec.suspend': null,
      'spec.timeout': null,
      'spec.sourceRef.namespace': null,
      'spec.postBuild': { substitute: { cluster: null, env: 'prod' } },
    });
    expect(validateSchema(record).map(formatIssue)).toEqual([]);
  });

  test('a null in a required field is dropped too, so the field is reported as missing', () => {
    const issues = validateSchema(fixture('Kustomization', { 'spec.interval': null }));
    expect(issues.map((i) => [i.field, i.message])).toEqual([['spec.interval', 'is required']]);
  });

  test('HelmRelease values keep any shape (x-kubernetes-preserve-unknown-fields)', () => {
    const record = fixture('HelmRelease with chart', {
      'spec.values': { anything: { nested: [1, 'two', { three: null }] }, replicaCount: 3.5 },
    });
    expect(validateSchema(record)).toEqual([]);
  });

  test('records that are external or encrypted, and non-Flux kinds, are not schema-validatored', () => {
    const broken = fixture('GitRepository', { 'spec.interval': 'soon' });
    expect(validateSchema({ ...broken, external: true })).toEqual([]);
    expect(validateSchema({ ...broken, encrypted: true })).toEqual([]);
    expect(
      validateSchema({ manifest: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: 1 } }),
    ).toEqual([]);
  });

  test('an encrypted Secret goes through validateObjectSchemas without issues', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'podinfo-secret', namespace: 'podinfo' },
      type: 'Opaque',
      stringData: { token: 'ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]' },
      sops: { mac: 'ENC[AES256_GCM,data:eA==,iv:eQ==,tag:eg==,type:str]', version: '3.9.0' },
    };
    expect(validateObjectSchemas([{ manifest: secret, encrypted: true, file: 'secret.yaml' }])).toEqual([]);
  });
});
