import { formatIssue } from '../../lib';
import { checkDependencyCycles } from '../../lib/validate/dependency-cycles';
import { didYouMean, editDistance } from '../../lib/sops/base/did-you-mean';
import { ManifestRecord } from '../../lib/validate/record';
import { REFERENCE_FIELDS, valuesAt } from '../../lib/validate/reference-fields';
import { checkReferences } from '../../lib/validate/references';
import { FLUX_KIND_SCHEMAS } from '../../lib/validate/crd-schemas';
import { JsonSchema } from '../../lib/validate/schema-validator';
import { checkUniqueness } from '../../lib/validate/uniqueness';
import { validateRecords } from '../../lib/validate/validate-records';
import { FLUX_OPERATOR_CRD_FILES, fluxOperatorCrdsDir } from '../../scripts/flux-crds';
import { readServedKinds } from '../../scripts/generate-schemas';

const NOTIFICATION = 'notification.toolkit.fluxcd.io/v1beta3';

/** A record read from a file, as `cdk8s-flux validate` makes them. */
function obj(
  apiVersion: string,
  kind: string,
  name: string,
  namespace: string | undefined,
  spec: Record<string, unknown> = {},
  file = `${kind.toLowerCase()}-${name}.yaml`,
): ManifestRecord {
  return { manifest: { apiVersion, kind, metadata: { name, namespace }, spec }, file };
}

const lines = (issues: readonly Parameters<typeof formatIssue>[0][]) => issues.map(formatIssue);

describe('the reference table', () => {
  /** The Flux kinds the validator knows, and the Flux Operator kinds with constructs, read from their CRDs. */
  const KINDS: readonly { group: string; kind: string; schema: JsonSchema }[] = [
    ...FLUX_KIND_SCHEMAS,
    ...readServedKinds(fluxOperatorCrdsDir(), FLUX_OPERATOR_CRD_FILES).map((k) => ({
      ...k,
      schema: k.schema,
    })),
  ];

  /** The schema node at a table path: properties by name, `[]` into list items. */
  function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
    let node: JsonSchema | undefined = schema;
    for (const segment of path.split('.')) {
      const list = segment.endsWith('[]');
      node = node?.properties?.[list ? segment.slice(0, -2) : segment];
      if (list) node = node?.items;
    }
    return node;
  }

  test.each(REFERENCE_FIELDS.map((f) => [`${f.kind} ${f.path}`, f] as const))(
    '%s exists in the CRD, names an object, and its kind enum is the table targets',
    (_name, field) => {
      const kinds = KINDS.filter((k) => k.group === field.group && k.kind === field.kind);
      expect(kinds.length).toBeGreaterThan(0);
      for (const k of kinds) {
        const node = schemaAt(k.schema, field.path);
        expect(node?.properties?.name).toBeDefined();
        const kindEnum = node?.properties?.kind?.enum;
        if (kindEnum !== undefined) expect([...kindEnum].sort()).toEqual([...field.targets].sort());
        else expect(field.targets).toHaveLength(1);
        expect(node?.properties?.namespace === undefined).toBe(field.local === true);
      }
    },
  );

  test('every secretRef-like field of every Flux CRD and Flux Operator CRD is in the table', () => {
    const deliberatelyLeftOut = ['ExternalArtifact spec.sourceRef']; // the owner that made it, set by the controller
    const found: string[] = [];
    const walk = (kind: string, node: JsonSchema | undefined, path: string) => {
      for (const [key, child] of Object.entries(node?.properties ?? {})) {
        const here = path === '' ? key : `${path}.${key}`;
        if (/Ref$/.test(key)) found.push(`${kind} ${here}`);
        walk(kind, child, here);
        if (child.items !== undefined) walk(kind, child.items, `${here}[]`);
      }
    };
    for (const k of KINDS) walk(k.kind, k.schema.properties?.spec, 'spec');
    const table = new Set(REFERENCE_FIELDS.map((f) => `${f.kind} ${f.path}`));
    expect([...new Set(found)].filter((f) => !table.has(f) && !deliberatelyLeftOut.includes(f))).toEqual([]);
  });

  test('valuesAt finds every item of a list, with its index', () => {
    const m = { spec: { include: [{ repository: { name: 'a' } }, {}, { repository: { name: 'b' } }] } };
    expect(valuesAt(m, 'spec.include[].repository')).toEqual([
      { field: 'spec.include[0].repository', value: { name: 'a' } },
      { field: 'spec.include[2].repository', value: { name: 'b' } },
    ]);
    expect(valuesAt(m, 'spec.missing[]')).toEqual([]);
  });
});

describe('references of kinds the constructs do not make yet', () => {
  const provider = obj(NOTIFICATION, 'Provider', 'slack', 'flux-system', {
    type: 'slack',
    secretRef: { name: 'slack-url' },
  });
  const slackUrl = obj('v1', 'Secret', 'slack-url', 'flux-system');

  test('an Alert with a missing Provider and an event source typo; a wildcard passes', () => {
    const alert = obj(NOTIFICATION, 'Alert', 'on-call', 'flux-system', {
      providerRef: { name: 'slak' },
      eventSources: [
        { kind: 'Kustomization', name: '*' },
        { kind: 'HelmRelease', name: 'podinfo', namespace: 'apps' },
      ],
    });
    expect(lines(checkReferences([provider, slackUrl, alert], { origin: 'tree' }))).toEqual([
      '(alert-on-call.yaml): spec.providerRef "Provider/flux-system/slak" does not resolve to any object in the tree; create it, fix the name (did you mean "slack"?), or pass --external Provider/flux-system/slak if it is made outside this tree',
      '(alert-on-call.yaml): spec.eventSources[1] "HelmRelease/apps/podinfo" does not resolve to any object in the tree; create it, fix the name, or pass --external HelmRelease/apps/podinfo if it is made outside this tree',
    ]);
  });

  test('a Provider whose Secret is missing', () => {
    expect(lines(checkReferences([provider]))).toEqual([
      '(provider-slack.yaml): spec.secretRef "Secret/flux-system/slack-url" does not resolve to any object in the app; create it, fix the name, or declare it external with new ExternalObject(scope, id, { apiVersion: "v1", kind: "Secret", name: "slack-url", namespace: "flux-system" })',
    ]);
  });

  test('a Receiver resource and its token Secret', () => {
    const receiver = obj('notification.toolkit.fluxcd.io/v1', 'Receiver', 'github', 'flux-system', {
      type: 'github',
      secretRef: { name: 'webhook-token' },
      resources: [
        { kind: 'GitRepository', name: 'flux-system' },
        { kind: 'GitRepository', name: '*', matchLabels: { a: 'b' } },
      ],
    });
    expect(checkReferences([receiver]).map((i) => i.field)).toEqual(['spec.resources[0]', 'spec.secretRef']);
  });

  test('an ImagePolicy and an ImageUpdateAutomation resolve their repositories across namespaces', () => {
    const image = 'image.toolkit.fluxcd.io/v1';
    const repo = obj(image, 'ImageRepository', 'podinfo', 'images');
    const policy = obj(image, 'ImagePolicy', 'podinfo', 'apps', {
      imageRepositoryRef: { name: 'podinfo', namespace: 'images' },
    });
    const lost = obj(image, 'ImagePolicy', 'lost', 'apps', { imageRepositoryRef: { name: 'podinfo' } });
    const automation = obj(image, 'ImageUpdateAutomation', 'bump', 'apps', {
      sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' },
    });
    const issues = checkReferences([repo, policy, lost, automation]);
    expect(issues.map((i) => `${i.file} ${i.field} ${i.value}`)).toEqual([
      'imagepolicy-lost.yaml spec.imageRepositoryRef ImageRepository/apps/podinfo',
      'imageupdateautomation-bump.yaml spec.sourceRef GitRepository/flux-system/flux-system',
    ]);
    expect(issues[0].fix).toContain('set namespace: "images" if you mean the one there');
  });

  test('an ArtifactGenerator makes the ExternalArtifacts its Kustomizations build from', () => {
    const generator = obj('source.extensions.fluxcd.io/v1beta1', 'ArtifactGenerator', 'mono', 'flux-system', {
      sources: [{ alias: 'repo', kind: 'GitRepository', name: 'flux-system' }],
      artifacts: [{ name: 'apps' }, { name: 'infra' }],
    });
    const git = obj('source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'flux-system');
    const ks = (name: string, artifact: string) =>
      obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', name, 'flux-system', {
        sourceRef: { kind: 'ExternalArtifact', name: artifact },
      });
    expect(lines(checkReferences([generator, git, ks('apps', 'apps'), ks('infra', 'infra')]))).toEqual([]);
    expect(checkReferences([generator, git, ks('web', 'aps')]).map((i) => i.fix)).toEqual([
      expect.stringContaining('did you mean "apps"?'),
    ]);
  });

  test('a HelmRelease chart template makes a HelmChart that another release can point chartRef at', () => {
    const helm = 'helm.toolkit.fluxcd.io/v2';
    const charts = obj('source.toolkit.fluxcd.io/v1', 'HelmRepository', 'charts', 'flux-system');
    const a = obj(helm, 'HelmRelease', 'a', 'apps', {
      chart: { spec: { chart: 'x', sourceRef: { kind: 'HelmRepository', name: 'charts', namespace: 'flux-system' } } },
    });
    const b = obj(helm, 'HelmRelease', 'b', 'apps', {
      chartRef: { kind: 'HelmChart', name: 'apps-a', namespace: 'flux-system' },
    });
    expect(checkReferences([charts, a, b])).toEqual([]);
  });

  test('an apiVersion in a reference must name the group of the object', () => {
    const git = obj('source.toolkit.fluxcd.io/v1', 'GitRepository', 'repo', 'flux-system');
    const ks = (apiVersion: string) =>
      obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'k', 'flux-system', {
        sourceRef: { apiVersion, kind: 'GitRepository', name: 'repo' },
      });
    expect(checkReferences([git, ks('source.toolkit.fluxcd.io/v1beta2')])).toEqual([]);
    expect(checkReferences([git, ks('example.com/v1')]).map((i) => i.field)).toEqual(['spec.sourceRef']);
  });

  test('an object without a namespace may be the target of a reference from any namespace', () => {
    const cm = obj('v1', 'ConfigMap', 'vars', undefined);
    const ks = obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'k', 'apps', {
      sourceRef: { kind: 'GitRepository', name: 'r' },
      postBuild: {
        substituteFrom: [
          { kind: 'ConfigMap', name: 'vars' },
          { kind: 'Secret', name: 'maybe', optional: true },
        ],
      },
    });
    const git = obj('source.toolkit.fluxcd.io/v1', 'GitRepository', 'r', 'apps');
    expect(checkReferences([cm, ks, git])).toEqual([]);
  });

  test('external records are targets, never referrers', () => {
    const ext: ManifestRecord = {
      ...obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'x', 'a', { dependsOn: [{ name: 'nowhere' }] }),
      external: true,
    };
    expect(checkReferences([ext])).toEqual([]);
    expect(checkDependencyCycles([ext, { ...ext, manifest: { ...ext.manifest } }])).toEqual([]);
  });
});

describe('dependency cycles', () => {
  const ks = (name: string, deps: (string | { name: string; namespace: string })[], namespace = 'flux-system') =>
    obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', name, namespace, {
      dependsOn: deps.map((d) => (typeof d === 'string' ? { name: d } : d)),
    });

  test('two separate cycles are each reported once; a branch into a cycle is not part of it', () => {
    const records = [ks('a', ['b']), ks('b', ['c']), ks('c', ['a']), ks('d', ['a']), ks('x', ['y']), ks('y', ['x'])];
    expect(checkDependencyCycles(records).map((i) => i.value)).toEqual([
      'flux-system/a -> flux-system/b -> flux-system/c -> flux-system/a',
      'flux-system/x -> flux-system/y -> flux-system/x',
    ]);
  });

  test('a component with several loops is reported once, with its shortest loop through its first member', () => {
    const records = [ks('a', ['b', 'c']), ks('b', ['a']), ks('c', ['b'])];
    expect(checkDependencyCycles(records).map((i) => i.value)).toEqual([
      'flux-system/a -> flux-system/b -> flux-system/a',
    ]);
  });

  test('a dependsOn into another namespace is followed', () => {
    const records = [
      ks('a', [{ name: 'b', namespace: 'other' }]),
      ks('b', [{ name: 'a', namespace: 'flux-system' }], 'other'),
    ];
    expect(checkDependencyCycles(records).map((i) => i.value)).toEqual(['flux-system/a -> other/b -> flux-system/a']);
  });

  test('a Kustomization and a HelmRelease of one name are different nodes', () => {
    const hr = obj('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'a', 'flux-system', { dependsOn: [{ name: 'b' }] });
    expect(checkDependencyCycles([ks('b', ['a']), hr])).toEqual([]);
  });

  test('in a tree, the fix names dependsOn entries', () => {
    expect(checkDependencyCycles([ks('a', ['a'])], { origin: 'tree' })[0].fix).toBe('remove the entry');
  });
});

describe('uniqueness', () => {
  test('a Kustomize Kustomization and a Flux Kustomization of one name are different objects', () => {
    const flux = obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'apps', 'flux-system');
    const other = obj('example.com/v1', 'Kustomization', 'apps', 'flux-system');
    expect(checkUniqueness([flux, other])).toEqual([]);
  });

  test('every later copy is reported, each naming the first', () => {
    const cm = (file: string) => obj('v1', 'ConfigMap', 'c', 'a', {}, file);
    expect(
      checkUniqueness([cm('one.yaml'), cm('two.yaml'), cm('three.yaml')], { origin: 'tree' }).map(formatIssue),
    ).toEqual([
      '(two.yaml): metadata.name "ConfigMap/a/c" is declared twice: here and at (one.yaml); remove one of them, or rename one (name or namespace)',
      '(three.yaml): metadata.name "ConfigMap/a/c" is declared twice: here and at (one.yaml); remove one of them, or rename one (name or namespace)',
    ]);
  });

  test('objects without a namespace collide with each other only', () => {
    const a = obj('v1', 'ConfigMap', 'c', undefined, {}, 'a.yaml');
    const b = obj('v1', 'ConfigMap', 'c', undefined, {}, 'b.yaml');
    const c = obj('v1', 'ConfigMap', 'c', 'x', {}, 'c.yaml');
    expect(checkUniqueness([a, c]).length).toBe(0);
    expect(checkUniqueness([a, b, c]).length).toBe(1);
  });
});

describe('the check registry', () => {
  test('validateRecords runs every check and passes the context on', () => {
    const ks = obj('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'a', 'flux-system', {
      interval: '10m',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'missing' },
      dependsOn: [{ name: 'a' }],
    });
    const copy = { ...ks, file: 'copy.yaml' };
    expect(validateRecords([ks, copy], { origin: 'tree' }).map((i) => `${i.file} ${i.field} ${i.message}`)).toEqual([
      'copy.yaml metadata.name is declared twice: here and at (kustomization-a.yaml)',
      'kustomization-a.yaml spec.sourceRef does not resolve to any object in the tree',
      'copy.yaml spec.sourceRef does not resolve to any object in the tree',
      'kustomization-a.yaml spec.dependsOn makes the Kustomization depend on itself, so it never becomes ready',
    ]);
  });
});

describe('did you mean', () => {
  test('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('podinfo', 'podinfoo')).toBe(1);
    expect(editDistance('podinfo', 'podnfo')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  test('suggests the closest name only when it is close', () => {
    expect(didYouMean('podinfoo', ['podinfo', 'redis'])).toBe('podinfo');
    expect(didYouMean('web', ['redis', 'postgres'])).toBeUndefined();
    expect(didYouMean('ab', ['ac', 'ad'])).toBe('ac');
  });
});
