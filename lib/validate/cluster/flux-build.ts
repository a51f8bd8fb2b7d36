import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments, parse, stringify } from 'yaml';
import { isPlainObject } from '../../sops/base/plain-object';
import { KUSTOMIZE_FILE_NAMES } from '../kustomize-config';
import { BuildOutcome, KustomizeProgram, build } from './kustomize-program';
import { SUBSTITUTE_DISABLED, Variables, hasVariable, substitute } from './substitute';

const ORIGIN = 'config.kubernetes.io/origin';

/** One object of a Flux Kustomization's build, with the file it came from. */
export interface BuiltObject {
  readonly manifest: Record<string, unknown>;
  /** The absolute path of the file that holds it (for a generated object, the kustomization.yaml that makes it). */
  readonly origin?: string;
  /** postBuild variables it uses that have neither value nor default. */
  readonly unset: readonly string[];
  /** It still holds `${var}` references whose values are known only in the cluster. */
  readonly unknownValues: boolean;
}

/** What building one Flux Kustomization gives: its objects, or Kustomize's error. */
export type FluxBuildResult = { readonly objects: readonly BuiltObject[] } | { readonly error: string };

const hasKustomizeFile = (folder: string) =>
  KUSTOMIZE_FILE_NAMES.some((n) => fs.statSync(path.join(folder, n), { throwIfNoEntry: false })?.isFile() === true);

const holdsObject = (file: string): boolean => {
  try {
    return parseAllDocuments(fs.readFileSync(file, 'utf8')).some((d) => {
      const doc: unknown = d.errors.length === 0 ? d.toJS() : undefined;
      return isPlainObject(doc) && typeof doc.apiVersion === 'string' && typeof doc.kind === 'string';
    });
  } catch {
    return false;
  }
};

/**
 * The resources kustomize-controller lists for a folder without a kustomization.yaml: every sub-folder that holds one
 * (not looked into further) and every YAML file of objects, at any depth.
 */
function scanFolder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (hasKustomizeFile(child)) out.push(child);
      else out.push(...scanFolder(child));
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name) && holdsObject(child)) {
      out.push(child);
    }
  }
  return out;
}

/**
 * The Kustomize configuration kustomize-controller builds for a Flux Kustomization, written in `work` (a folder of
 * its own) around the folder it applies: the folder's resources (its kustomization.yaml, or what the controller
 * generates when there is none), then `targetNamespace`, `namePrefix`/`nameSuffix`, `patches`, `components` and
 * `images`, with origin annotations so every object can be traced to its file.
 */
function writeBuildConfig(work: string, folder: string, kustomization: Record<string, unknown>): void {
  const spec = isPlainObject(kustomization.spec) ? kustomization.spec : {};
  const rel = (p: string) => path.relative(work, p).split(path.sep).join('/');
  const config: Record<string, unknown> = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: (hasKustomizeFile(folder) ? [folder] : scanFolder(folder)).map(rel),
    buildMetadata: ['originAnnotations'],
  };
  if (typeof spec.targetNamespace === 'string' && spec.targetNamespace !== '') config.namespace = spec.targetNamespace;
  if (typeof spec.namePrefix === 'string') config.namePrefix = spec.namePrefix;
  if (typeof spec.nameSuffix === 'string') config.nameSuffix = spec.nameSuffix;
  if (Array.isArray(spec.patches)) config.patches = spec.patches;
  if (Array.isArray(spec.images)) config.images = spec.images;
  if (Array.isArray(spec.components)) {
    config.components = spec.components.filter((c) => typeof c === 'string').map((c) => rel(path.resolve(folder, c)));
  }
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, 'kustomization.yaml'), stringify(config));
}

/** Labels and annotations of `commonMetadata`, set on every object (overriding what it has). */
function withCommonMetadata(manifest: Record<string, unknown>, common: unknown): Record<string, unknown> {
  if (!isPlainObject(common)) return manifest;
  const metadata = isPlainObject(manifest.metadata) ? { ...manifest.metadata } : {};
  for (const key of ['labels', 'annotations']) {
    if (isPlainObject(common[key]))
      metadata[key] = { ...(isPlainObject(metadata[key]) ? metadata[key] : {}), ...common[key] };
  }
  return { ...manifest, metadata };
}

function originOf(
  manifest: Record<string, unknown>,
  work: string,
): { manifest: Record<string, unknown>; origin?: string } {
  const metadata = isPlainObject(manifest.metadata) ? manifest.metadata : {};
  const annotations = isPlainObject(metadata.annotations) ? { ...metadata.annotations } : {};
  const text = annotations[ORIGIN];
  if (typeof text !== 'string') return { manifest };
  delete annotations[ORIGIN];
  const { annotations: _, ...rest } = metadata;
  const info: unknown = parse(text);
  const file = isPlainObject(info)
    ? (info.path ?? (isPlainObject(info.configuredIn) ? info.configuredIn.path : undefined))
    : undefined;
  return {
    manifest: { ...manifest, metadata: Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest },
    origin: typeof file === 'string' ? path.resolve(work, file) : undefined,
  };
}

/**
 * Substitutes the variables of every string (keys and values) of an object. Flux substitutes the YAML text, so a
 * value that was only a variable takes the type its text has (`replicas: ${REPLICAS}` becomes a number).
 */
function substituteValues(value: unknown, variables: Variables, unset: string[]): unknown {
  if (typeof value === 'string') {
    if (!value.includes('$')) return value;
    const result = substitute(value, variables);
    unset.push(...result.unset);
    if (result.text === value || !/^\$\{[^}]*\}$/.test(value)) return result.text;
    const typed: unknown = parse(result.text);
    return typeof typed === 'string' || typed === null || typeof typed === 'object' ? result.text : typed;
  }
  if (Array.isArray(value)) return value.map((v) => substituteValues(v, variables, unset));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        substituteValues(k, variables, unset) as string,
        substituteValues(v, variables, unset),
      ]),
    );
  }
  return value;
}

const substitutionDisabled = (manifest: Record<string, unknown>): boolean => {
  const metadata = isPlainObject(manifest.metadata) ? manifest.metadata : {};
  return ['labels', 'annotations'].some(
    (k) => isPlainObject(metadata[k]) && metadata[k][SUBSTITUTE_DISABLED] === 'disabled',
  );
};

/**
 * Builds one Flux Kustomization's folder and applies what the controller does after Kustomize: `commonMetadata`,
 * then postBuild substitution (when `variables` is given) on every object that does not turn it off.
 *
 * @param work an empty folder of this build's own, for its Kustomize configuration
 */
export async function buildFluxKustomization(
  program: KustomizeProgram,
  work: string,
  folder: string,
  kustomization: Record<string, unknown>,
  variables: Variables | undefined,
): Promise<FluxBuildResult> {
  writeBuildConfig(work, folder, kustomization);
  const outcome: BuildOutcome = await build(program, work);
  if ('error' in outcome) return outcome;
  const spec = isPlainObject(kustomization.spec) ? kustomization.spec : {};
  const objects: BuiltObject[] = [];
  for (const document of parseAllDocuments(outcome.yaml)) {
    const doc: unknown = document.toJS();
    if (!isPlainObject(doc)) continue;
    const traced = originOf(withCommonMetadata(doc, spec.commonMetadata), work);
    let manifest = traced.manifest;
    let unset: readonly string[] = [];
    const text = JSON.stringify(manifest);
    if (variables !== undefined && text.includes('${') && !substitutionDisabled(manifest)) {
      const found: string[] = [];
      manifest = substituteValues(manifest, variables, found) as Record<string, unknown>;
      unset = [...new Set(found)];
    }
    const unknownValues = variables !== undefined && variables.incomplete && hasVariable(JSON.stringify(manifest));
    objects.push({ manifest, origin: traced.origin, unset: unknownValues ? [] : unset, unknownValues });
  }
  return { objects };
}
