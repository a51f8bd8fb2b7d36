// `npm run api-coverage`: the typed share of the served spec fields of every Flux kind, from the CRDs and the props
// types of the constructs.
import { execFileSync } from 'child_process';
import * as path from 'path';
import {
  ConstructIndex,
  apiCoverage,
  coverageExitCode,
  findFluxConstructs,
  formatCoverage,
  measuredKinds,
} from '../../scripts/api-coverage';
import { ServedKind, readServedKinds } from '../../scripts/generate-schemas';

const ROOT = path.join(__dirname, '..', '..');

describe('api-coverage', () => {
  let kinds: ServedKind[];
  let index: ConstructIndex;
  let operatorKinds: ServedKind[];
  beforeAll(() => {
    kinds = readServedKinds();
    index = findFluxConstructs();
    operatorKinds = measuredKinds().slice(kinds.length);
  });

  // CI runs this: a kind of the CRDs below 100% (a field Flux serves that no prop reaches) fails the build.
  test('GIVEN the CRDs WHEN the script runs with --require-complete THEN it lists the 15 Flux kinds and the 3 Flux Operator kinds, each typed to 100%, and exits 0', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/api-coverage.ts', '--require-complete'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const rows = out.split('\n').slice(1, 19);
    expect(rows.map((r) => r.split(/\s+/)[0]).sort()).toEqual([...kinds, ...operatorKinds].map((k) => k.kind).sort());
    expect(kinds).toHaveLength(15);
    expect(operatorKinds.map((k) => k.kind)).toEqual(['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider']);
    expect(rows.filter((r) => !/\(lib\/flux\/[a-z-]+\.ts\)\s+(\d+)\/\1\s+100%$/.test(r))).toEqual([]);
    expect(out).toMatch(/^total: 478 of 478 spec fields typed \(100%\)$/m);
  });

  test('GIVEN a kind without a construct WHEN measured THEN it is reported with every field missing, and the exit code is 1', () => {
    const bucket = kinds.find((k) => k.kind === 'Bucket') as ServedKind;
    const coverage = apiCoverage([...kinds, { ...bucket, kind: 'Cauldron' }], index);
    const cauldron = coverage.find((c) => c.kind === 'Cauldron');
    expect(cauldron?.construct).toBeUndefined();
    expect(cauldron?.missing).toEqual(cauldron?.fields);
    expect(formatCoverage(coverage).find((l) => l.startsWith('Cauldron '))).toMatch(/NO CONSTRUCT\s+0\/18\s+0%$/);
    expect(coverageExitCode(coverage, false)).toBe(1);
    expect(coverageExitCode(apiCoverage(kinds, index), false)).toBe(0);
  });

  /** Bucket's served version with one more spec field, `cache.size`, that no prop of the Bucket construct names. */
  function grownBucket(): ServedKind {
    const bucket = kinds.find((k) => k.kind === 'Bucket') as ServedKind;
    const schema = bucket.schema as { properties: { spec: { properties: Record<string, unknown> } } };
    const spec = schema.properties.spec;
    const cache = { properties: { size: { type: 'string' } } };
    return {
      ...bucket,
      schema: {
        ...schema,
        properties: { ...schema.properties, spec: { ...spec, properties: { ...spec.properties, cache } } },
      },
    };
  }

  test('GIVEN a kind whose construct exposes every field WHEN a field is added to its schema THEN that field is missing', () => {
    const bucket = kinds.find((k) => k.kind === 'Bucket') as ServedKind;
    expect(apiCoverage([bucket], index)[0].missing).toEqual([]);
    expect(apiCoverage([grownBucket()], index)[0].missing).toEqual(['cache.size']);
  });

  test('GIVEN props that flatten, rename or wrap fields WHEN measured THEN each counts where the construct exposes it', () => {
    const of = (kind: string) => apiCoverage([kinds.find((k) => k.kind === kind) as ServedKind], index)[0];
    const kustomization = of('Kustomization');
    // `substitute` exposes postBuild.substitute, `substituteFrom` the SubstituteFrom objects, `source` exposes
    // sourceRef, KustomizationPatch the patches.
    const exposed = [
      'postBuild.substitute',
      'postBuild.substituteFrom[].name',
      'sourceRef.kind',
      'patches[].target.kind',
    ];
    for (const field of [...exposed, 'dependsOn[].name']) {
      expect(kustomization.fields).toContain(field);
      expect(kustomization.missing).not.toContain(field);
    }
    // `authorEmail` exposes git.commit.author.email; `secret` exposes secretRef.
    expect(of('ImageUpdateAutomation').missing).not.toContain('git.commit.author.email');
    expect(of('GitRepository').missing).not.toContain('secretRef.name');
    // `storage.storageClass` exposes storage.class; `sync.source`, a FluxInstanceSource, declares the sync fields it
    // writes (`@specFields`)
    const instance = apiCoverage(
      operatorKinds.filter((k) => k.kind === 'FluxInstance'),
      index,
    )[0];
    for (const field of ['storage.class', 'sync.kind', 'sync.url', 'sync.ref', 'sync.pullSecret', 'sync.provider']) {
      expect(instance.fields).toContain(field);
      expect(instance.missing).not.toContain(field);
    }
  });

  test('GIVEN --require-complete WHEN a kind is below 100% THEN the exit code is 1, else 0', () => {
    const bucket = kinds.find((k) => k.kind === 'Bucket') as ServedKind;
    expect(coverageExitCode(apiCoverage([bucket], index), true)).toBe(0);
    expect(coverageExitCode(apiCoverage([grownBucket()], index), true)).toBe(1);
    expect(coverageExitCode(apiCoverage([grownBucket()], index), false)).toBe(0);
  });
});
