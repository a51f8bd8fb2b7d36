import { isPlainObject } from '../../sops/base/plain-object';
import { didYouMean } from '../../sops/base/did-you-mean';
import type { Issue } from '../../errors';
import type { ManifestRecord } from '../record';
import {
  dns1035LabelProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  labelValueProblem,
  type NameProblem,
  pathSegmentNameProblem,
  qualifiedNameProblem,
} from './names';
import { childPath, describeType, renderValue } from './paths';

/** The API server's limit on the total size of an object's annotations (keys and values, in bytes). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Fields of ObjectMeta; any other key under metadata is rejected (strict field validation). */
const OBJECT_META_FIELDS = [
  'annotations',
  'creationTimestamp',
  'deletionGracePeriodSeconds',
  'deletionTimestamp',
  'finalizers',
  'generateName',
  'generation',
  'labels',
  'managedFields',
  'name',
  'namespace',
  'ownerReferences',
  'resourceVersion',
  'selfLink',
  'uid',
];

type NameRule = (name: string) => NameProblem | undefined;

const subdomain: NameRule = (name) => dns1123SubdomainProblem(name);

/** The controllers label every object they apply with the name of their Kustomization or HelmRelease. */
function fluxLabelledName(labelKey: string): NameRule {
  return (name) =>
    dns1123SubdomainProblem(name) ??
    (name.length > 63
      ? {
          message: `is ${name.length} characters long, more than 63: Flux labels every object it applies with ${labelKey}: <name>, and label values are limited to 63 characters`,
          fix: 'shorten it to at most 63 characters',
        }
      : undefined);
}

/** Name rules by `group/kind` (core group empty); any other kind needs a DNS-1123 subdomain. */
const NAME_RULES: Readonly<Record<string, NameRule>> = {
  '/Namespace': (name) => dns1123LabelProblem(name),
  // Services need a DNS-1035 label (a DNS-1123 label that starts with a letter): the name becomes a DNS label.
  '/Service': (name) => dns1035LabelProblem(name),
  'rbac.authorization.k8s.io/Role': pathSegmentNameProblem,
  'rbac.authorization.k8s.io/ClusterRole': pathSegmentNameProblem,
  'rbac.authorization.k8s.io/RoleBinding': pathSegmentNameProblem,
  'rbac.authorization.k8s.io/ClusterRoleBinding': pathSegmentNameProblem,
  // A CronJob's Jobs are named <name>-<11 characters>, which must fit a 63-character label.
  'batch/CronJob': (name) =>
    dns1123SubdomainProblem(name) ??
    (name.length > 52
      ? {
          message: `is ${name.length} characters long, more than the 52 a CronJob name allows`,
          fix: 'shorten it to at most 52 characters',
        }
      : undefined),
  'kustomize.toolkit.fluxcd.io/Kustomization': fluxLabelledName('kustomize.toolkit.fluxcd.io/name'),
  'helm.toolkit.fluxcd.io/HelmRelease': fluxLabelledName('helm.toolkit.fluxcd.io/name'),
};

/**
 * Groups whose documents configure tools and are never sent to the API server: kustomize build files
 * (kustomization.yaml) and the configuration of the `flux schema` plugin (.fluxschema.yml).
 */
const TOOL_CONFIG_GROUPS = new Set(['kustomize.config.k8s.io', 'schema.plugin.fluxcd.io']);

/**
 * Checks what the API server checks on every object, whatever its kind: apiVersion and kind set, and ObjectMeta:
 * a name (or generateName) valid for the kind, a namespace that is a DNS-1123 label, label keys and values, annotation
 * keys and their total size, and no unknown metadata field.
 *
 * Tool configuration files (kustomization.yaml, .fluxschema.yml) are not objects and give no issue. In encrypted records, values
 * that SOPS encrypted (`ENC[...]`) are not checked.
 */
export function validateObjectMeta(record: ManifestRecord): Issue[] {
  if (record.external) return [];
  const issues: Issue[] = [];
  const { apiVersion, kind, metadata } = record.manifest;
  checkTypeMeta('apiVersion', apiVersion, 'like "v1" or "source.toolkit.fluxcd.io/v1"', issues);
  checkTypeMeta('kind', kind, 'like "ConfigMap" or "GitRepository"', issues);
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (TOOL_CONFIG_GROUPS.has(group)) return [];
  if (metadata === undefined) {
    issues.push({ field: 'metadata', message: 'is required', fix: 'add metadata with at least a name' });
    return issues;
  }
  if (!isPlainObject(metadata)) {
    issues.push(typeIssue('metadata', metadata, 'a map', 'use a map with name, namespace, labels...'));
    return issues;
  }
  const skip = (value: unknown): boolean => record.encrypted === true && isSopsEncrypted(value);
  const nameRule = NAME_RULES[`${group}/${typeof kind === 'string' ? kind : ''}`] ?? subdomain;
  checkName(metadata, nameRule, skip, issues);
  checkNamespace(metadata.namespace, skip, issues);
  checkLabels(metadata.labels, skip, issues);
  checkAnnotations(metadata.annotations, skip, issues);
  checkUnknownFields(metadata, issues);
  return issues;
}

function checkTypeMeta(field: string, value: unknown, example: string, issues: Issue[]): void {
  if (value === undefined || value === '') {
    issues.push({ field, message: 'is required', fix: `set ${field}, ${example}` });
  } else if (typeof value !== 'string') {
    issues.push(typeIssue(field, value, 'a string', `set ${field} to a string, ${example}`));
  }
}

function checkName(
  metadata: Record<string, unknown>,
  rule: NameRule,
  skip: (value: unknown) => boolean,
  issues: Issue[],
): void {
  const { name, generateName } = metadata;
  if (generateName !== undefined && !skip(generateName)) {
    if (typeof generateName !== 'string') {
      issues.push(typeIssue('metadata.generateName', generateName, 'a string', 'use a name prefix like "job-"'));
    } else {
      // The API server appends random characters: a trailing "-" is fine in a prefix.
      const masked = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
      const problem = rule(masked);
      if (problem) issues.push({ field: 'metadata.generateName', value: generateName, ...problem });
    }
  }
  if (name === undefined || name === '') {
    if (generateName === undefined) {
      issues.push({ field: 'metadata.name', message: 'is required', fix: 'set metadata.name, like "my-app"' });
    }
    return;
  }
  if (skip(name)) return;
  if (typeof name !== 'string') {
    issues.push(typeIssue('metadata.name', name, 'a string', `quote it: "${String(renderValue(name))}"`));
    return;
  }
  const problem = rule(name);
  if (problem) issues.push({ field: 'metadata.name', value: renderValue(name), ...problem });
}

function checkNamespace(namespace: unknown, skip: (value: unknown) => boolean, issues: Issue[]): void {
  if (namespace === undefined || skip(namespace)) return;
  if (typeof namespace !== 'string') {
    issues.push(typeIssue('metadata.namespace', namespace, 'a string', 'use a namespace name like "flux-system"'));
    return;
  }
  if (namespace === '') return; // the same as unset: the namespace of the applier applies
  const problem = dns1123LabelProblem(namespace);
  if (problem) issues.push({ field: 'metadata.namespace', value: renderValue(namespace), ...problem });
}

function checkLabels(labels: unknown, skip: (value: unknown) => boolean, issues: Issue[]): void {
  if (labels === undefined || labels === null) return;
  if (!isPlainObject(labels)) {
    issues.push(typeIssue('metadata.labels', labels, 'a map', 'use a map of label keys to string values'));
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    const field = childPath('metadata.labels', key);
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) issues.push({ field, value: key, message: `key ${keyProblem.message}`, fix: keyProblem.fix });
    if (skip(value)) continue;
    if (typeof value !== 'string') {
      issues.push(typeIssue(field, value, 'a string', `quote it: "${renderValue(value)}"`));
      continue;
    }
    const valueProblem = labelValueProblem(value);
    if (valueProblem) issues.push({ field, value: renderValue(value), ...valueProblem });
  }
}

function checkAnnotations(annotations: unknown, skip: (value: unknown) => boolean, issues: Issue[]): void {
  if (annotations === undefined || annotations === null) return;
  if (!isPlainObject(annotations)) {
    issues.push(typeIssue('metadata.annotations', annotations, 'a map', 'use a map of annotation keys to strings'));
    return;
  }
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const field = childPath('metadata.annotations', key);
    // The API server checks annotation keys lowercased: upper case letters are allowed in them.
    const keyProblem = qualifiedNameProblem(key.toLowerCase());
    if (keyProblem) issues.push({ field, value: key, message: `key ${keyProblem.message}`, fix: keyProblem.fix });
    if (typeof value !== 'string' && !skip(value)) {
      issues.push(typeIssue(field, value, 'a string', `quote it: "${renderValue(value)}"`));
    }
    size += Buffer.byteLength(key) + Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    issues.push({
      field: 'metadata.annotations',
      message: `total ${size} bytes, more than the ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (256 KiB) the API server allows`,
      fix: 'move large values out of annotations, into a ConfigMap for example',
    });
  }
}

function checkUnknownFields(metadata: Record<string, unknown>, issues: Issue[]): void {
  for (const key of Object.keys(metadata)) {
    if (OBJECT_META_FIELDS.includes(key)) continue;
    const suggestion = didYouMean(key, OBJECT_META_FIELDS, { ignoreCase: true });
    issues.push({
      field: childPath('metadata', key),
      message: 'is an unknown field',
      fix: suggestion
        ? `did you mean "${suggestion}"? rename it, or remove it`
        : 'remove it; metadata takes name, namespace, labels, annotations...',
    });
  }
}

function typeIssue(field: string, value: unknown, expected: string, fix: string): Issue {
  return { field, value: renderValue(value), message: `must be ${expected}, not ${describeType(value)}`, fix };
}

function isSopsEncrypted(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('ENC[');
}
