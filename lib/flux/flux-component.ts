/** A controller the Flux Operator installs (`spec.components[]` of a FluxInstance). */
export enum FluxComponent {
  SOURCE_CONTROLLER = 'source-controller',
  KUSTOMIZE_CONTROLLER = 'kustomize-controller',
  HELM_CONTROLLER = 'helm-controller',
  NOTIFICATION_CONTROLLER = 'notification-controller',
  IMAGE_REFLECTOR_CONTROLLER = 'image-reflector-controller',
  IMAGE_AUTOMATION_CONTROLLER = 'image-automation-controller',
  SOURCE_WATCHER = 'source-watcher',
}
