/** What a remote cluster's name adds to the name of the cluster it is reached from. */
const REMOTE_PREFIX = ' (kubeConfig ';

/**
 * The name of the cluster a Flux Kustomization of `cluster` applies to through the kubeconfig in Secret
 * `namespace/secret`: another cluster, whose objects never meet those of `cluster` in the whole-tree checks. Synth and
 * the walk of a written tree name it alike.
 */
export function remoteClusterName(cluster: string, namespace: string, secret: string): string {
  return `${cluster}${REMOTE_PREFIX}Secret/${namespace}/${secret})`;
}

/**
 * The cluster a cluster name (as {@link remoteClusterName} makes it) is reached from, and the part that names the
 * remote cluster (`""` for the cluster itself).
 */
export function clusterParts(name: string): { readonly cluster: string; readonly remote: string } {
  const at = name.indexOf(REMOTE_PREFIX);
  return at < 0 ? { cluster: name, remote: '' } : { cluster: name.slice(0, at), remote: name.slice(at) };
}
