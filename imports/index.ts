// `cdk8s-flux/imports`: the bindings `cdk8s import` generated from the Flux CRDs, one namespace per API group, for
// the fields and kinds the typed constructs do not cover, and the Flux Operator's kinds (`operator`).
export * as helm from './helm.toolkit.fluxcd.io';
export * as imageAutomation from './image-automation-image.toolkit.fluxcd.io';
export * as imageReflector from './image-reflector-image.toolkit.fluxcd.io';
export * as kustomize from './kustomize.toolkit.fluxcd.io';
export * as operator from './fluxcd.controlplane.io';
export * as notification from './notification.toolkit.fluxcd.io';
export * as sourceExtensions from './source.extensions.fluxcd.io';
export * as source from './source.toolkit.fluxcd.io';
