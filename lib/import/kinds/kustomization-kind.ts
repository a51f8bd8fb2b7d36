import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, value } from '../expression';
import { start } from './source-kinds';
import { FieldReader, Importer, ReferenceLookup, kubeConfig, references, typedObject } from './typed-props';

/**
 * Fields of a Flux Kustomization that change what its folder builds into. When the import writes the objects of an
 * application as Flux applies them, these are done already, so they are left out.
 */
export const BUILD_TRANSFORMS = [
  'targetNamespace',
  'patches',
  'components',
  'namePrefix',
  'nameSuffix',
  'commonMetadata',
  'images',
];

/** The `KustomizationOptions` props of a Flux Kustomization's spec: how it reconciles and what it waits for. */
function reconcileOptions(spec: FieldReader, namespace: string, lookup: ReferenceLookup) {
  return {
    interval: spec.string('interval'),
    retryInterval: spec.string('retryInterval'),
    timeout: spec.string('timeout'),
    prune: spec.boolean('prune'),
    wait: spec.boolean('wait'),
    force: spec.boolean('force'),
    dependsOn: references(spec, 'dependsOn', 'Kustomization', namespace, lookup),
    serviceAccountName: spec.string('serviceAccountName'),
    kubeConfig: kubeConfig(spec, namespace, lookup),
    suspend: spec.boolean('suspend'),
  };
}

/**
 * The options of the application an imported Flux Kustomization becomes: its source and path are the
 * application's own, its build transforms and variables are applied to the objects already, its decryption follows
 * from the SOPS files the folder holds, and its namespace is written when it is not the Flux namespace.
 *
 * @returns the options, and what they cannot express
 */
export function applicationOptions(
  manifest: Readonly<Record<string, unknown>>,
  lookup: ReferenceLookup,
): { readonly options: Record<string, Expression | undefined>; readonly problems: readonly string[] } {
  const metadata = isPlainObject(manifest.metadata) ? manifest.metadata : {};
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'flux-system';
  const spec = new FieldReader(isPlainObject(manifest.spec) ? manifest.spec : {}, 'spec');
  ['sourceRef', 'path', 'decryption', ...BUILD_TRANSFORMS].forEach((f) => spec.take(f));
  spec.nested('postBuild', (p) => [p.take('substitute'), p.take('substituteFrom')]);
  const problems = Object.keys(metadata)
    .filter((k) => k !== 'name' && k !== 'namespace')
    .map((k) => `metadata.${k} has no application option`);
  const options = {
    ...(namespace === 'flux-system' ? {} : { kustomizationNamespace: value(namespace) }),
    ...reconcileOptions(spec, namespace, lookup),
  };
  return { options, problems: [...problems, ...spec.remaining()] };
}

/** A Flux Kustomization of another source, made with the typed construct: its `sourceRef` is the source's variable. */
export const kustomization: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const ref = spec.take('sourceRef');
  const source =
    isPlainObject(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string'
      ? context.lookup(ref.kind, typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name)
      : undefined;
  if (source === undefined) problems.push(`spec.sourceRef names ${JSON.stringify(ref)}, which is not imported`);
  const props = {
    ...meta,
    source,
    path: spec.string('path'),
    ...reconcileOptions(spec, namespace, context.lookup),
    targetNamespace: spec.string('targetNamespace'),
    substitute: spec.nested('postBuild', (p) => p.strings('substitute')),
    patches: spec.json('patches'),
  };
  return typedObject('Kustomization', props, [...problems, ...spec.remaining()]);
};
