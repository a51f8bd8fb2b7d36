import type { ValidationRule } from './types';

/**
 * How to satisfy each CEL rule of the Flux CRDs, keyed by the rule's text (a rule shared by two kinds, like the
 * kubeConfig ones, means the same in both). `{field}` is replaced by the path of the node the rule is attached to.
 * A test checks that every rule in the generated schemas has an entry here.
 */
const FIXES: Readonly<Record<string, string>> = {
  // HelmRelease
  '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))':
    'set exactly one of {field}.chart (a chart template from a HelmRepository, GitRepository or Bucket) or {field}.chartRef (an OCIRepository or HelmChart)',
  "!has(self.retryInterval) || self.name != 'RemediateOnFailure'":
    'remove {field}.retryInterval, or set {field}.name to RetryOnFailure',
  "!has(self.retryInterval) || self.name == 'RetryOnFailure'":
    'remove {field}.retryInterval, or set {field}.name to RetryOnFailure',
  // HelmRelease and Kustomization
  'has(self.configMapRef) || has(self.secretRef)':
    'set {field}.secretRef (or {field}.configMapRef) to the object that holds the kubeconfig',
  '!has(self.configMapRef) || !has(self.secretRef)': 'keep only one of {field}.configMapRef and {field}.secretRef',
  // ImagePolicy
  "!has(self.interval) || (has(self.digestReflectionPolicy) && self.digestReflectionPolicy == 'Always')":
    'remove {field}.interval, or set {field}.digestReflectionPolicy to Always',
  "has(self.interval) || !has(self.digestReflectionPolicy) || self.digestReflectionPolicy != 'Always'":
    'set {field}.interval (like "10m"), or use digestReflectionPolicy IfNotPresent or Never',
  // Provider
  "self.type == 'github' || self.type == 'gitlab' || self.type == 'gitea' || self.type == 'bitbucketserver' || self.type == 'bitbucket' || self.type == 'azuredevops' || !has(self.commitStatusExpr)":
    'remove {field}.commitStatusExpr, or use a git provider type: github, gitlab, gitea, bitbucketserver, bitbucket or azuredevops',
  // Receiver
  "self.type != 'generic-oidc' || (has(self.oidcProviders) && size(self.oidcProviders) > 0)":
    'add at least one entry to {field}.oidcProviders (issuerURL and validations)',
  "self.type == 'generic-oidc' || !has(self.oidcProviders) || size(self.oidcProviders) == 0":
    'remove {field}.oidcProviders, or set {field}.type to generic-oidc',
  "self.type != 'generic-oidc' || !has(self.secretRef)":
    'remove {field}.secretRef: generic-oidc receivers authenticate callers with {field}.oidcProviders',
  "self.type == 'generic-oidc' || has(self.secretRef)":
    'set {field}.secretRef to a Secret whose "token" key holds the webhook token',
  // ArtifactGenerator
  "has(self.pathPattern) && size(self.pathPattern) > 0 || self.artifacts.all(a, a.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'))":
    'name every artifact in {field}.artifacts with a DNS-1123 subdomain like "my-app" (it becomes an ExternalArtifact name), or set {field}.pathPattern',
  // Bucket
  "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)":
    'remove {field}.sts, or set {field}.provider to aws or generic',
  "self.provider != 'aws' || !has(self.sts) || self.sts.provider == 'aws'": 'set {field}.sts.provider to aws',
  "self.provider != 'generic' || !has(self.sts) || self.sts.provider == 'ldap'": 'set {field}.sts.provider to ldap',
  "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)": 'remove {field}.sts.secretRef',
  "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.certSecretRef)": 'remove {field}.sts.certSecretRef',
  "self.provider != 'generic' || !has(self.serviceAccountName)":
    'remove {field}.serviceAccountName (use {field}.secretRef for credentials), or set {field}.provider to aws, gcp or azure',
  '!has(self.secretRef) || !has(self.serviceAccountName)':
    'keep only one of {field}.secretRef and {field}.serviceAccountName',
  // GitRepository
  "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))":
    'remove {field}.serviceAccountName, or set {field}.provider to azure or aws',
  // HelmChart
  "!has(self.verify) || self.sourceRef.kind == 'HelmRepository'":
    'remove {field}.verify, or take the chart from a HelmRepository',
};

/** True when {@link celRuleFix} has a written fix for the rule (not the generic fallback). */
export function hasCelRuleFix(rule: ValidationRule): boolean {
  return FIXES[rule.rule] !== undefined;
}

/** How to satisfy `rule` at `field`: the written fix, or a sentence that quotes the rule. */
export function celRuleFix(rule: ValidationRule, field: string): string {
  const fix = FIXES[rule.rule];
  const where = field === '' ? 'the object' : field;
  return fix ? fix.replace(/\{field\}/g, where) : `change ${where} so that the CRD rule \`${rule.rule}\` holds`;
}
