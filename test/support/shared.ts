import * as path from 'path';

/**
 * The shared data folder beside the project (Flux CRDs, SOPS vectors, reference trees).
 * `CDK8S_FLUX_SHARED_DIR` overrides it.
 */
export function sharedDir(...parts: string[]): string {
  const base = process.env.CDK8S_FLUX_SHARED_DIR ?? path.join(__dirname, '..', '..', '..', 'shared');
  return path.resolve(base, ...parts);
}
