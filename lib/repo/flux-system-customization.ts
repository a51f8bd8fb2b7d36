import { stringify } from 'yaml';
import { FluxValidationError, Issue } from '../errors';
import { KustomizationPatch } from '../flux/kustomize-patch';
import { labelValueProblem, qualifiedNameProblem } from '../validate/schema-validator/names';

/**
 * What `flux/flux-system/kustomization.yaml` adds to the objects it lists: the Flux controllers of
 * `gotk-components.yaml` and the sync objects of `gotk-sync.yaml`. This is Flux's "bootstrap customization": the one
 * supported way to tune the controllers (their flags, resources, tolerations) of a bootstrapped cluster.
 *
 * @example
 *   fluxSystem: {
 *     labels: { 'toolkit.fluxcd.io/tenant': 'sre-team' },
 *     patches: [{
 *       patch: [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--concurrent=20' }],
 *       target: { kind: 'Deployment', name: '(kustomize-controller|helm-controller)' },
 *     }],
 *   }
 * @see https://fluxcd.io/flux/installation/configuration/bootstrap-customization/
 */
export interface FluxSystemCustomization {
  /**
   * Labels Kustomize puts on every object of the folder (`labels[].pairs`, without touching selectors).
   * @default no labels
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Kustomize patches, in order: a strategic merge patch or a JSON 6902 patch (YAML text, or a list of operations),
   * with the objects it applies to. A `target.name` is a regular expression, as Kustomize reads it.
   * @default no patches
   */
  readonly patches?: readonly KustomizationPatch[];
}

/**
 * The fields `customization` adds to `flux-system/kustomization.yaml`.
 * @throws FluxValidationError naming every bad label and empty patch
 */
export function renderFluxSystemCustomization(
  customization: FluxSystemCustomization,
  constructPath: string,
): Record<string, unknown> {
  const issues: Issue[] = [];
  const fields: Record<string, unknown> = {};
  const labels = Object.entries(customization.labels ?? {});
  for (const [key, value] of labels) {
    const field = `fluxSystem.labels[${JSON.stringify(key)}]`;
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem)
      issues.push({ constructPath, field, value: key, message: `key ${keyProblem.message}`, fix: keyProblem.fix });
    const valueProblem =
      typeof value === 'string' ? labelValueProblem(value) : { message: 'is not a string', fix: 'quote the value' };
    if (valueProblem) issues.push({ constructPath, field, value: String(value), ...valueProblem });
  }
  if (labels.length > 0) fields.labels = [{ pairs: Object.fromEntries(labels) }];
  const patches = customization.patches ?? [];
  patches.forEach((p, i) => {
    const empty = typeof p.patch === 'string' ? p.patch.trim() === '' : p.patch.length === 0;
    if (empty) {
      issues.push({
        constructPath,
        field: `fluxSystem.patches[${i}].patch`,
        value: typeof p.patch === 'string' ? p.patch : '[]',
        message: 'is empty',
        fix: 'write the patch (YAML text or a list of JSON 6902 operations), or drop the entry',
      });
    }
  });
  if (patches.length > 0) {
    fields.patches = patches.map((p) => ({
      // A list of operations is written as YAML text, as people write it in this file.
      patch: typeof p.patch === 'string' ? p.patch : stringify(p.patch),
      ...(p.target === undefined ? {} : { target: { ...p.target } }),
    }));
  }
  if (issues.length > 0) throw new FluxValidationError(issues);
  return fields;
}
