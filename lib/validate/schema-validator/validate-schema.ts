import { didYouMean } from '../../sops/base/did-you-mean';
import type { Issue } from '../../errors';
import type { ManifestRecord } from '../record';
import { withDefaults } from './defaults';
import {
  apiVersionOf,
  FLUX_VERSION,
  fluxKindSchema,
  fluxKindsNamed,
  fluxKindsOfGroup,
  isFluxGroup,
} from './flux-kinds';
import { checkSchema } from './structural';
import type { FluxKindSchema } from './types';

const FLUX = FLUX_VERSION ? `Flux ${FLUX_VERSION}` : 'this Flux version';

/** The beta API versions Flux 2.8 stopped serving (its CRDs no longer hold them). */
const REMOVED_IN_FLUX_2_8: readonly string[] = [
  'source.toolkit.fluxcd.io/v1beta2',
  'kustomize.toolkit.fluxcd.io/v1beta2',
  'helm.toolkit.fluxcd.io/v2beta2',
];

/**
 * Checks a Flux object (any kind of a Flux API group) against the schema of its CRD: apiVersion and kind served,
 * then the structural schema and its CEL rules on the defaulted object (see {@link checkSchema}).
 *
 * Objects of other groups, external and encrypted records give no issue here; `metadata` is left to
 * `validateObjectMeta`, and `status` is not checked (the API server resets it on create).
 *
 * One addition to the CRDs: a Flux object whose spec has required fields must have a spec (the API server would
 * accept an object without one, but no controller can reconcile it).
 */
export function validateSchema(record: ManifestRecord): Issue[] {
  if (record.external || record.encrypted) return [];
  const { apiVersion, kind } = record.manifest;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [];
  const resolved = resolveKind(apiVersion, kind);
  if (resolved.status === 'not-flux') return [];
  if (resolved.status === 'invalid') return [resolved.issue];
  const schema = resolved.entry.schema;
  const issues = checkSchema(withDefaults(record.manifest, schema), schema, '', {
    ignoredRootFields: ['metadata', 'status'],
  });
  const specRequired = schema.properties?.spec?.required ?? [];
  if (!('spec' in record.manifest) && specRequired.length > 0) {
    issues.unshift({
      field: 'spec',
      message: `is required: a ${kind} without spec cannot be reconciled`,
      fix: `add spec with at least ${specRequired.join(', ')}`,
    });
  }
  return issues;
}

type Resolved =
  | { readonly status: 'served'; readonly entry: FluxKindSchema }
  | { readonly status: 'invalid'; readonly issue: Issue }
  | { readonly status: 'not-flux' };

function resolveKind(apiVersion: string, kind: string): Resolved {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (slash < 0 && isFluxGroup(apiVersion)) {
    return { status: 'invalid', issue: wrongApiVersion(apiVersion, kind, 'has no version') };
  }
  if (!isFluxGroup(group)) return { status: 'not-flux' };
  const entry = fluxKindSchema(apiVersion, kind);
  if (entry) return { status: 'served', entry };
  const kindsOfGroup = fluxKindsOfGroup(group);
  if (kindsOfGroup.some((k) => k.kind === kind)) {
    const removed = REMOVED_IN_FLUX_2_8.includes(apiVersion)
      ? ': Flux 2.8 removed it (Flux 2.7 was the last to serve it)'
      : /^v\d+(alpha|beta)\d+$/.test(apiVersion.slice(slash + 1))
        ? ': a Flux release before 2.8 removed it'
        : '';
    const issue = wrongApiVersion(apiVersion, kind, `is not a version of ${kind} served by ${FLUX}${removed}`);
    const migrate =
      removed === ''
        ? ''
        : '; on a cluster that still runs a Flux older than 2.8, run `flux migrate` before upgrading it, so the objects stored in the old version are converted';
    return { status: 'invalid', issue: { ...issue, fix: `${issue.fix}${migrate}` } };
  }
  const elsewhere = fluxKindsNamed(kind);
  if (elsewhere.length > 0) {
    return { status: 'invalid', issue: wrongApiVersion(apiVersion, kind, `is not the API group of ${kind}`) };
  }
  const kindNames = [...new Set(kindsOfGroup.map((k) => k.kind))].sort();
  const suggestion = didYouMean(kind, kindNames, { ignoreCase: true });
  return {
    status: 'invalid',
    issue: {
      field: 'kind',
      value: kind,
      message: `is not a kind of ${group} in ${FLUX}`,
      fix: suggestion ? `did you mean "${suggestion}"?` : `use one of ${kindNames.join(', ')}`,
    },
  };
}

function wrongApiVersion(apiVersion: string, kind: string, message: string): Issue {
  const group = apiVersion.split('/')[0];
  const ofKind = fluxKindsNamed(kind).map(apiVersionOf);
  const served = ofKind.length > 0 ? ofKind : [...new Set(fluxKindsOfGroup(group).map(apiVersionOf))];
  return {
    field: 'apiVersion',
    value: apiVersion,
    message,
    fix:
      served.length === 1 ? `use apiVersion ${served[0]} for ${kind}` : `use one of ${served.join(', ')} for ${kind}`,
  };
}
