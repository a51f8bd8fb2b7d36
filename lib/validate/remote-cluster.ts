/**
 * The name of the cluster a Flux Kustomization of `cluster` applies to through the kubeconfig in Secret
 * `namespace/secret`: another cluster, whose objects never meet those of `cluster` in the whole-tree checks. Synth and
 * the walk of a written tree name it alike.
 */
export function remoteClusterName(cluster: string, namespace: string, secret: string): string {
  return `${cluster} (kubeConfig Secret/${namespace}/${secret})`;
}
