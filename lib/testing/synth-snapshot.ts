import { IConstruct } from 'constructs';
import { FluxApp } from '../repo/flux-app';

/**
 * Synthesizes an app in memory, validated as `synth()` would, and returns its tree as `{ path: content }` with paths
 * relative to the output folder, sorted: what a snapshot test compares. Nothing is written.
 *
 * @throws FluxValidationError when the app would fail to synthesize
 * @example
 *   const app = new FluxApp();
 *   homelab(app);
 *   expect(synthSnapshot(app)).toMatchSnapshot();
 */
export function synthSnapshot(app: FluxApp): Record<string, string> {
  return Object.fromEntries(app.synthTree());
}

/**
 * Builds an app with `build` in a new in-memory {@link FluxApp} and returns {@link synthSnapshot} of it: a one-liner
 * for a component's test.
 *
 * @example
 *   expect(synthTreeOf((app) => new Podinfo(new GitOpsRepository(app, 'lab', { url }).service('podinfo'), 'podinfo'))).toMatchSnapshot();
 */
export function synthTreeOf(build: (app: FluxApp) => IConstruct | void): Record<string, string> {
  const app = new FluxApp();
  build(app);
  return synthSnapshot(app);
}
