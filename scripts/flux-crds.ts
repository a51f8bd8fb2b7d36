import * as path from 'path';

/**
 * The Flux CRD files this project is generated from, one per controller.
 *
 * `prefix` is set where two controllers share an API group (image reflector and image automation):
 * `cdk8s import` names its output after the group, so without a prefix the second import overwrites the first.
 */
export const FLUX_CRD_FILES: readonly { readonly file: string; readonly prefix?: string }[] = [
  { file: 'source-controller.yaml' },
  { file: 'kustomize-controller.yaml' },
  { file: 'helm-controller.yaml' },
  { file: 'notification-controller.yaml' },
  { file: 'image-reflector-controller.yaml', prefix: 'image-reflector' },
  { file: 'image-automation-controller.yaml', prefix: 'image-automation' },
  { file: 'source-watcher.yaml' },
];

/**
 * The Flux Operator CRD files the typed operator constructs are generated from, one kind each. They share the API
 * group `fluxcd.controlplane.io`, so they are imported together, as one module.
 */
export const FLUX_OPERATOR_CRD_FILES: readonly string[] = [
  'fluxinstances.yaml',
  'resourcesets.yaml',
  'resourcesetinputproviders.yaml',
];

function sharedDir(): string {
  return process.env.CDK8S_FLUX_SHARED_DIR ?? path.join(__dirname, '..', '..', 'shared');
}

/** Where the Flux CRDs are read from: `FLUX_CRDS_DIR`, else `flux-crds` of the shared data folder (`CDK8S_FLUX_SHARED_DIR`, default `../shared` beside the project). */
export function fluxCrdsDir(): string {
  return path.resolve(process.env.FLUX_CRDS_DIR ?? path.join(sharedDir(), 'flux-crds'));
}

/** Where the Flux Operator CRDs are read from: `FLUX_OPERATOR_CRDS_DIR`, else `flux-operator-crds` of the shared data folder. */
export function fluxOperatorCrdsDir(): string {
  return path.resolve(process.env.FLUX_OPERATOR_CRDS_DIR ?? path.join(sharedDir(), 'flux-operator-crds'));
}
