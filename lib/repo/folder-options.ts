/** The namespaces a folder of the tree gives the objects made in it without one. */
export interface FolderOptions {
  /**
   * Default namespace of the Flux objects made inside the folder (HelmRepository, HelmRelease...).
   * @default the repository's Flux namespace, `flux-system`
   */
  readonly namespace?: string;
  /**
   * Namespace written into the folder's other namespaced objects that set none (a ConfigMap, a Deployment, a
   * PersistentVolumeClaim...), as a folder's hand-written YAML often repeats it on each. Cluster-scoped kinds
   * (Namespace, ClusterRole...) never get one.
   * @default none: such objects are written without a namespace
   */
  readonly objectNamespace?: string;
}
