import { validateSchema } from '../../lib/validate/schema-validator';
import { celRuleFix, hasCelRuleFix } from '../../lib/validate/schema-validator/cel-fixes';
import type { JsonSchema, ValidationRule } from '../../lib/validate/schema-validator/types';
import { FLUX_KIND_SCHEMAS } from '../../lib/validate/crd-schemas';
import { fixture } from './schema-fixtures';

interface FoundRule {
  readonly kind: string;
  readonly at: string;
  readonly rule: ValidationRule;
}

/** Every CEL rule of the generated schemas, with the kind and the (dotted) field it attaches to. */
function allRules(): FoundRule[] {
  const found: FoundRule[] = [];
  const visit = (schema: JsonSchema | undefined, at: string, kind: string): void => {
    if (!schema) return;
    for (const rule of schema['x-kubernetes-validations'] ?? []) found.push({ kind, at, rule });
    for (const [name, child] of Object.entries(schema.properties ?? {}))
      visit(child, at ? `${at}.${name}` : name, kind);
    visit(schema.items, `${at}[*]`, kind);
  };
  for (const entry of FLUX_KIND_SCHEMAS) visit(entry.schema, '', entry.kind);
  return found;
}

interface RuleCase {
  readonly kind: string;
  readonly at: string;
  /** A piece of the rule's text that tells it apart from the other rules at the same field. */
  readonly rule: string;
  /** The fixture and changes that break the rule. */
  readonly fixture: string;
  readonly breaks: Readonly<Record<string, unknown>>;
  /** Changes to the same fixture that satisfy the rule (none: the fixture itself does). */
  readonly keeps?: Readonly<Record<string, unknown>>;
}

const sts = (provider: string, extra: Record<string, unknown> = {}) => ({
  provider,
  endpoint: 'https://sts.example.com',
  ...extra,
});

const CASES: readonly RuleCase[] = [
  {
    kind: 'HelmRelease',
    at: 'spec',
    rule: 'has(self.chart) && !has(self.chartRef)',
    fixture: 'HelmRelease with chart',
    breaks: { 'spec.chartRef': { kind: 'OCIRepository', name: 'podinfo' } },
  },
  {
    kind: 'HelmRelease',
    at: 'spec.install.strategy',
    rule: "self.name != 'RemediateOnFailure'",
    fixture: 'HelmRelease with chartRef',
    breaks: { 'spec.install.strategy': { name: 'RemediateOnFailure', retryInterval: '1m' } },
  },
  {
    kind: 'HelmRelease',
    at: 'spec.upgrade.strategy',
    rule: "self.name == 'RetryOnFailure'",
    fixture: 'HelmRelease with chartRef',
    breaks: { 'spec.upgrade.strategy': { name: 'RemediateOnFailure', retryInterval: '1m' } },
    keeps: { 'spec.upgrade.strategy': { name: 'RetryOnFailure', retryInterval: '1m' } },
  },
  {
    kind: 'HelmRelease',
    at: 'spec.kubeConfig',
    rule: 'has(self.configMapRef) || has(self.secretRef)',
    fixture: 'HelmRelease with chart',
    breaks: { 'spec.kubeConfig': {} },
    keeps: { 'spec.kubeConfig': { configMapRef: { name: 'remote-kubeconfig' } } },
  },
  {
    kind: 'HelmRelease',
    at: 'spec.kubeConfig',
    rule: '!has(self.configMapRef) || !has(self.secretRef)',
    fixture: 'HelmRelease with chart',
    breaks: { 'spec.kubeConfig': { configMapRef: { name: 'a' }, secretRef: { name: 'b' } } },
    keeps: { 'spec.kubeConfig': { secretRef: { name: 'b' } } },
  },
  {
    kind: 'Kustomization',
    at: 'spec.kubeConfig',
    rule: 'has(self.configMapRef) || has(self.secretRef)',
    fixture: 'Kustomization',
    breaks: { 'spec.kubeConfig': {} },
  },
  {
    kind: 'Kustomization',
    at: 'spec.kubeConfig',
    rule: '!has(self.configMapRef) || !has(self.secretRef)',
    fixture: 'Kustomization',
    breaks: { 'spec.kubeConfig.configMapRef': { name: 'a' } },
  },
  {
    kind: 'ImagePolicy',
    at: 'spec',
    rule: '!has(self.interval) ||',
    fixture: 'ImagePolicy',
    breaks: { 'spec.interval': '5m' },
    keeps: { 'spec.interval': '5m', 'spec.digestReflectionPolicy': 'Always' },
  },
  {
    kind: 'ImagePolicy',
    at: 'spec',
    rule: 'has(self.interval) || !has(self.digestReflectionPolicy)',
    fixture: 'ImagePolicy (digest reflection)',
    breaks: { 'spec.interval': undefined },
  },
  {
    kind: 'Provider',
    at: 'spec',
    rule: '!has(self.commitStatusExpr)',
    fixture: 'Provider',
    breaks: { 'spec.commitStatusExpr': "event.metadata.env + '/' + event.involvedObject.name" },
    keeps: { 'spec.type': 'gitlab', 'spec.commitStatusExpr': "event.metadata.env + '/' + event.involvedObject.name" },
  },
  {
    kind: 'Receiver',
    at: 'spec',
    rule: "self.type != 'generic-oidc' || (has(self.oidcProviders)",
    fixture: 'Receiver (generic-oidc)',
    breaks: { 'spec.oidcProviders': [] },
  },
  {
    kind: 'Receiver',
    at: 'spec',
    rule: "self.type == 'generic-oidc' || !has(self.oidcProviders)",
    fixture: 'Receiver',
    breaks: {
      'spec.oidcProviders': [
        {
          issuerURL: 'https://token.actions.githubusercontent.com',
          validations: [{ expression: 'true', message: 'x' }],
        },
      ],
    },
    keeps: { 'spec.oidcProviders': [] },
  },
  {
    kind: 'Receiver',
    at: 'spec',
    rule: "self.type != 'generic-oidc' || !has(self.secretRef)",
    fixture: 'Receiver (generic-oidc)',
    breaks: { 'spec.secretRef': { name: 'receiver-token' } },
  },
  {
    kind: 'Receiver',
    at: 'spec',
    rule: "self.type == 'generic-oidc' || has(self.secretRef)",
    fixture: 'Receiver',
    breaks: { 'spec.secretRef': undefined },
  },
  {
    kind: 'ArtifactGenerator',
    at: 'spec',
    rule: 'self.artifacts.all(',
    fixture: 'ArtifactGenerator',
    breaks: {
      'spec.artifacts': [{ name: 'Infra_Structure', copy: [{ from: '@monorepo/infra/**', to: '@artifact/' }] }],
    },
    keeps: {
      'spec.pathPattern': '@monorepo/apps/{app}/**',
      'spec.artifacts': [{ name: '{app}', copy: [{ from: '@monorepo/apps/{app}/**', to: '@artifact/' }] }],
    },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)",
    fixture: 'Bucket',
    breaks: { 'spec.provider': 'gcp' },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: "self.sts.provider == 'aws'",
    fixture: 'Bucket on AWS with IRSA',
    breaks: { 'spec.sts': sts('ldap') },
    keeps: { 'spec.sts': sts('aws') },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: "self.sts.provider == 'ldap'",
    fixture: 'Bucket',
    breaks: { 'spec.sts': sts('aws') },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: '!has(self.sts.secretRef)',
    fixture: 'Bucket on AWS with IRSA',
    breaks: { 'spec.sts': sts('aws', { secretRef: { name: 'creds' } }) },
    keeps: { 'spec.sts': sts('aws') },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: '!has(self.sts.certSecretRef)',
    fixture: 'Bucket on AWS with IRSA',
    breaks: { 'spec.sts': sts('aws', { certSecretRef: { name: 'ca' } }) },
    keeps: { 'spec.sts': sts('aws') },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: "self.provider != 'generic' || !has(self.serviceAccountName)",
    fixture: 'Bucket',
    breaks: { 'spec.secretRef': undefined, 'spec.serviceAccountName': 'reader' },
  },
  {
    kind: 'Bucket',
    at: 'spec',
    rule: '!has(self.secretRef) || !has(self.serviceAccountName)',
    fixture: 'Bucket on AWS with IRSA',
    breaks: { 'spec.secretRef': { name: 'aws-creds' } },
  },
  {
    kind: 'GitRepository',
    at: 'spec',
    rule: '!has(self.serviceAccountName)',
    fixture: 'GitRepository',
    breaks: { 'spec.serviceAccountName': 'git-reader' },
    keeps: { 'spec.serviceAccountName': 'git-reader', 'spec.provider': 'aws' },
  },
  {
    kind: 'HelmChart',
    at: 'spec',
    rule: "self.sourceRef.kind == 'HelmRepository'",
    fixture: 'HelmChart',
    breaks: { 'spec.sourceRef': { kind: 'GitRepository', name: 'charts' } },
    keeps: { 'spec.sourceRef': { kind: 'GitRepository', name: 'charts' }, 'spec.verify': undefined },
  },
];

function ruleOf(c: RuleCase): FoundRule {
  const matches = allRules().filter((r) => r.kind === c.kind && r.at === c.at && r.rule.rule.includes(c.rule));
  if (matches.length !== 1) throw new Error(`${c.kind} ${c.at} "${c.rule}" matches ${matches.length} rules`);
  return matches[0];
}

describe('CEL rules of the Flux CRDs', () => {
  test('there is exactly one case per rule, and every rule has a written fix', () => {
    const rules = allRules();
    expect(rules).toHaveLength(24);
    const covered = new Set(CASES.map((c) => ruleOf(c).rule));
    expect(covered.size).toBe(CASES.length);
    expect(rules.filter((r) => !covered.has(r.rule)).map((r) => `${r.kind} ${r.at}: ${r.rule.rule}`)).toEqual([]);
    expect(rules.filter((r) => !hasCelRuleFix(r.rule)).map((r) => r.rule.rule)).toEqual([]);
  });

  describe.each(CASES)('$kind $at: $rule', (c) => {
    test('fails with the rule message, the field and a fix', () => {
      const { rule, at } = ruleOf(c);
      const issues = validateSchema(fixture(c.fixture, c.breaks));
      expect(issues).toContainEqual({ field: at, message: rule.message, fix: celRuleFix(rule, at) });
    });

    test('passes when satisfied', () => {
      const { rule, at } = ruleOf(c);
      const issues = validateSchema(fixture(c.fixture, c.keeps ?? {}));
      expect(issues.filter((i) => i.fix === celRuleFix(rule, at))).toEqual([]);
      expect(issues).toEqual([]);
    });
  });

  test('a rule runs only when its field is present', () => {
    // spec.kubeConfig carries two rules; without kubeConfig neither applies.
    expect(validateSchema(fixture('Kustomization', { 'spec.kubeConfig': undefined }))).toEqual([]);
  });

  test('messages read as the CRD wrote them', () => {
    const issues = validateSchema(fixture('HelmRelease with chart', { 'spec.chart': undefined }));
    expect(issues).toEqual([
      {
        field: 'spec',
        message: 'either chart or chartRef must be set',
        fix:
          'set exactly one of spec.chart (a chart template from a HelmRepository, GitRepository or Bucket) or ' +
          'spec.chartRef (an OCIRepository or HelmChart)',
      },
    ]);
  });
});
