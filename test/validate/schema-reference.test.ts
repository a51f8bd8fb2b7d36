import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { formatIssue } from '../../lib/errors';
import type { ManifestRecord } from '../../lib/validate/record';
import { validateObjectSchemas } from '../../lib/validate/schema-validator';
import { sharedDir } from '../support/shared';

type Manifest = Record<string, unknown>;

const ROOT = sharedDir('reference', 'flux2-kustomize-helm-example');

interface Doc {
  readonly file: string;
  readonly manifest: Manifest;
}

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : [],
    )
    .sort();
}

function readDocs(): Doc[] {
  return yamlFiles(ROOT).flatMap((file) =>
    parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map((d) => d.toJS() as unknown)
      .filter((m): m is Manifest => typeof m === 'object' && m !== null)
      .map((manifest) => ({ file: path.relative(ROOT, file).split(path.sep).join('/'), manifest })),
  );
}

/** Files that kustomization.yaml files use as patches (`patches[].path`): partial objects, not whole ones. */
function patchFiles(docs: readonly Doc[]): Set<string> {
  const out = new Set<string>();
  for (const { file, manifest } of docs) {
    if (manifest.apiVersion !== 'kustomize.config.k8s.io/v1beta1') continue;
    for (const patch of (manifest.patches as { path?: string }[] | undefined) ?? []) {
      if (patch.path) out.add(path.posix.join(path.posix.dirname(file), patch.path));
    }
  }
  return out;
}

const identity = (m: Manifest): string => {
  const meta = (m.metadata ?? {}) as Manifest;
  return `${String(m.kind)}/${String(meta.namespace)}/${String(meta.name)}`;
};

/** A strategic-merge-like overlay: maps merge key by key, everything else is replaced. */
function merge(base: unknown, patch: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return patch;
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Manifest = { ...(base as Manifest) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

/** Every object of the tree; a patch is checked as applied to the object it targets. */
function referenceRecords(): ManifestRecord[] {
  const docs = readDocs();
  const patches = patchFiles(docs);
  const whole = docs.filter((d) => !patches.has(d.file));
  return docs.map(({ file, manifest }) => {
    if (!patches.has(file)) return { file, manifest };
    const base = whole.find((d) => identity(d.manifest) === identity(manifest));
    if (!base) throw new Error(`${file}: no object for the patch to apply to`);
    return { file, manifest: merge(base.manifest, manifest) as Manifest };
  });
}

describe('the Flux reference repository (flux2-kustomize-helm-example)', () => {
  const records = referenceRecords();

  test('its objects are read, Flux kinds included', () => {
    const kinds = new Set(records.map((r) => `${String(r.manifest.apiVersion)} ${String(r.manifest.kind)}`));
    expect(
      [...kinds].filter((k) => k.includes('toolkit.fluxcd.io') || k.includes('extensions.fluxcd.io')).sort(),
    ).toEqual([
      'helm.toolkit.fluxcd.io/v2 HelmRelease',
      'kustomize.toolkit.fluxcd.io/v1 Kustomization',
      'source.extensions.fluxcd.io/v1beta1 ArtifactGenerator',
      'source.toolkit.fluxcd.io/v1 HelmRepository',
      'source.toolkit.fluxcd.io/v1 OCIRepository',
    ]);
    expect(records.length).toBeGreaterThanOrEqual(25);
  });

  test('every object passes the schema and metadata checks', () => {
    expect(validateObjectSchemas(records).map(formatIssue)).toEqual([]);
  });

  test('the same tree with one broken object fails (the check is live)', () => {
    const broken = records.map((r) =>
      r.manifest.kind === 'ArtifactGenerator' ? { ...r, manifest: renameFirstArtifact(r.manifest, 'Apps') } : r,
    );
    expect(validateObjectSchemas(broken).map((i) => i.message)).toContain(
      'artifact names must be valid Kubernetes object names when pathPattern is not set',
    );
  });
});

function renameFirstArtifact(manifest: Manifest, name: string): Manifest {
  const copy = JSON.parse(JSON.stringify(manifest)) as Manifest & { spec: { artifacts: { name: string }[] } };
  copy.spec.artifacts[0].name = name;
  return copy;
}
