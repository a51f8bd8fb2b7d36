// What Flux applies to a cluster, worked out offline with `kubectl kustomize`: start at a cluster's flux-system
// Kustomization, build the folder each Flux Kustomization points at, apply its patches, and follow every Flux
// Kustomization found on the way. Only the parts of Flux that the trees under test use are emulated; anything else
// fails loudly instead of being skipped.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { tempDir } from './temp';

/** A Kubernetes object as Kustomize prints it. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

/** One object Flux applies, with the Flux Kustomization (`namespace/name`) that applies it. */
export interface AppliedObject {
  readonly appliedBy: string;
  readonly object: K8sObject;
}

/** A `sourceRef` of a Flux Kustomization, its namespace filled in. */
export interface SourceRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

/**
 * Where the files of a source are: a folder to resolve `spec.path` in. `applied` holds what was applied so far (an
 * ArtifactGenerator, say), for sources that are made in the cluster.
 */
export type SourceResolver = (ref: SourceRef, applied: readonly AppliedObject[]) => string;

const KUSTOMIZE_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Spec fields of a Flux Kustomization that change what is built, and that this emulation does not handle. */
const UNSUPPORTED_BUILD_FIELDS = ['postBuild', 'components', 'namePrefix', 'nameSuffix', 'images', 'commonMetadata'];

/** Every document of a YAML text, parsed; empty documents (comments only) are left out. */
export function parseObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is K8sObject => typeof o === 'object' && o !== null);
}

/** True for a Flux Kustomization (not a Kustomize `kustomization.yaml`). */
export function isFluxKustomization(o: K8sObject): boolean {
  return o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/');
}

/** `kind namespace/name`, the identity of an object in a cluster. */
export function objectKey(o: K8sObject): string {
  return `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function kustomize(dir: string): K8sObject[] {
  return parseObjects(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: 'pipe' }));
}

function hasKustomization(dir: string): boolean {
  return KUSTOMIZE_FILES.some((f) => fs.existsSync(path.join(dir, f)));
}

/**
 * Writes the `kustomization.yaml` the kustomize-controller generates for a folder without one: every sub-folder that
 * has a kustomization file, and every YAML file (at any depth) that holds a Kubernetes object.
 */
function generateKustomization(dir: string): void {
  const resources: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs
      .readdirSync(path.join(dir, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (hasKustomization(path.join(dir, child))) resources.push(child);
        else walk(child);
      } else if (/\.ya?ml$/.test(entry.name)) {
        const objects = parseObjects(fs.readFileSync(path.join(dir, child), 'utf8'));
        if (objects.some((o) => typeof o.apiVersion === 'string' && typeof o.kind === 'string')) resources.push(child);
      }
    }
  };
  walk('');
  fs.writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    JSON.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources }),
  );
}

/** What one Flux Kustomization applies: its folder built by Kustomize, then its patches and target namespace. */
export function fluxBuild(folder: string, spec: Record<string, unknown>): K8sObject[] {
  for (const field of UNSUPPORTED_BUILD_FIELDS) {
    if (spec[field] !== undefined) throw new Error(`the Flux emulation does not support spec.${field}`);
  }
  if (!fs.existsSync(folder)) throw new Error(`Flux would fail: the path ${folder} does not exist`);
  if (!hasKustomization(folder)) generateKustomization(folder);
  const built = kustomize(folder);
  if (spec.patches === undefined && spec.targetNamespace === undefined) return built;
  // Flux adds the patches and the target namespace to the build; a Kustomization over the built objects does the same.
  const overlay = tempDir('cdk8s-flux-overlay-');
  fs.writeFileSync(path.join(overlay, 'built.yaml'), built.map((o) => JSON.stringify(o)).join('\n---\n'));
  const overlayKustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['built.yaml'],
    ...(spec.patches === undefined ? {} : { patches: spec.patches }),
    ...(spec.targetNamespace === undefined ? {} : { namespace: spec.targetNamespace }),
  };
  fs.writeFileSync(path.join(overlay, 'kustomization.yaml'), JSON.stringify(overlayKustomization));
  return kustomize(overlay);
}

/**
 * Everything Flux applies from `entry` (a cluster's flux-system Kustomization) on: the objects of its folder, then
 * those of every Flux Kustomization among them, breadth first, each Kustomization followed once.
 */
export function fluxApply(entry: K8sObject, resolve: SourceResolver): AppliedObject[] {
  const applied: AppliedObject[] = [];
  const queue = [entry];
  const seen = new Set([objectKey(entry)]);
  while (queue.length > 0) {
    const k = queue.shift() as K8sObject;
    const namespace = k.metadata.namespace ?? 'default';
    const spec = k.spec ?? {};
    const ref = spec.sourceRef as { kind: string; name: string; namespace?: string };
    const root = resolve({ kind: ref.kind, name: ref.name, namespace: ref.namespace ?? namespace }, applied);
    const folder = path.join(root, typeof spec.path === 'string' ? spec.path : '.');
    for (const object of fluxBuild(folder, spec)) {
      applied.push({ appliedBy: `${namespace}/${k.metadata.name}`, object });
      if (isFluxKustomization(object) && !seen.has(objectKey(object))) {
        seen.add(objectKey(object));
        queue.push(object);
      }
    }
  }
  return applied;
}

/**
 * Resolves the ExternalArtifact `ref` the way the source-watcher's ArtifactGenerator makes it: finds the generator
 * that declares it among `applied`, and copies the files its `copy` rules name from the generator's GitRepository
 * (found with `gitRoot`) into a fresh folder. Only `@alias/<folder>/**` to `@artifact/<folder>/` rules are handled.
 */
export function resolveExternalArtifact(
  ref: SourceRef,
  applied: readonly AppliedObject[],
  gitRoot: (name: string) => string,
): string {
  for (const { object } of applied) {
    if (object.kind !== 'ArtifactGenerator' || (object.metadata.namespace ?? 'default') !== ref.namespace) continue;
    const spec = object.spec as {
      sources: { alias: string; kind: string; name: string }[];
      artifacts: { name: string; copy: { from: string; to: string }[] }[];
    };
    const artifact = spec.artifacts.find((a) => a.name === ref.name);
    if (artifact === undefined) continue;
    const out = tempDir('cdk8s-flux-artifact-');
    for (const rule of artifact.copy) {
      const from = /^@([^/]+)\/(.+)\/\*\*$/.exec(rule.from);
      const to = /^@artifact\/(.*)$/.exec(rule.to);
      const source = spec.sources.find((s) => s.alias === from?.[1]);
      if (from === null || to === null || source?.kind !== 'GitRepository') {
        throw new Error(`the ArtifactGenerator emulation does not support the copy rule ${JSON.stringify(rule)}`);
      }
      fs.cpSync(path.join(gitRoot(source.name), from[2]), path.join(out, to[1]), { recursive: true });
    }
    return out;
  }
  throw new Error(`no ArtifactGenerator applied so far makes the ExternalArtifact ${ref.namespace}/${ref.name}`);
}
