import { KustomizationBuild } from '../../validate/cluster/cluster-walk';
import { apiGroup, formatId, stringField } from '../../validate/manifest-fields';
import { isPlainObject } from '../../sops/base/plain-object';
import { majorVersion } from './chart-version';
import { ChangeKind, Danger, DangerKind, FieldChange } from './diff-model';
import { IMMUTABLE_FIELDS, isUnderField } from './immutable-fields';

/** One object compared between the two states, with what the danger rules need to know about it. */
export interface ComparedObject {
  readonly change: ChangeKind;
  /** The object in the old state (undefined when added). */
  readonly before?: Record<string, unknown>;
  /** The object in the new state (undefined when removed). */
  readonly after?: Record<string, unknown>;
  readonly fields: readonly FieldChange[];
  /** The Flux Kustomization that applied it in the old state. */
  readonly beforeBy?: KustomizationBuild;
  /** The Flux Kustomization that applies it in the new state. */
  readonly afterBy?: KustomizationBuild;
  /** Removed and deleted by prune. */
  readonly pruned: boolean;
  /** Tells whether an object (`group/Kind/namespace/name`) is the chart source of a HelmRelease (its `chartRef`). */
  readonly isChartSource: (key: string) => boolean;
}

const FLUX_GROUP = /\.fluxcd\.io$|^fluxcd\.controlplane\.io$/;

const groupOf = (m: Record<string, unknown>) => apiGroup(stringField(m, 'apiVersion') ?? '');
const specOf = (m: Record<string, unknown> | undefined) => (m !== undefined && isPlainObject(m.spec) ? m.spec : {});
/** The Flux Kustomization of a build, `namespace/name`. */
export function kustomizationName(b: KustomizationBuild): string {
  return `${stringField(b.kustomization.metadata, 'namespace') ?? 'default'}/${stringField(b.kustomization.metadata, 'name') ?? ''}`;
}
const idOf = (m: Record<string, unknown>) =>
  formatId({
    kind: stringField(m, 'kind') ?? '',
    namespace: stringField(m.metadata, 'namespace'),
    name: stringField(m.metadata, 'name') ?? '',
  });
const isFluxKustomization = (m: Record<string, unknown>) =>
  m.kind === 'Kustomization' && groupOf(m) === 'kustomize.toolkit.fluxcd.io';

/** The key of an object as {@link ComparedObject.isChartSource} takes it. */
export function objectKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ''}/${name}`;
}

/** Why deleting each kind of object takes more than the object with it. */
const DELETION_COST: Readonly<Record<string, string>> = {
  Namespace: 'deleting a Namespace deletes every object in it, also those no Kustomization applies',
  CustomResourceDefinition: 'deleting a CRD deletes every custom resource of its kind in the cluster',
  PersistentVolumeClaim:
    'deleting a claim frees its volume, which the usual Delete reclaim policy deletes with its data',
  PersistentVolume: 'deleting a volume with the Delete reclaim policy deletes its data',
  StatefulSet:
    'deleting a StatefulSet deletes its pods, and its volume claims too when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete',
  HelmRelease: 'deleting a HelmRelease uninstalls its release: everything the chart made is deleted',
};

function pruneDeletesData(o: ComparedObject): Danger[] {
  const cost = o.before === undefined ? undefined : DELETION_COST[stringField(o.before, 'kind') ?? ''];
  if (!o.pruned || cost === undefined || o.beforeBy === undefined) return [];
  return [
    {
      kind: DangerKind.PRUNE_DELETES_DATA,
      why: `prune deletes it (Kustomization ${kustomizationName(o.beforeBy)} has prune: true): ${cost}`,
    },
  ];
}

function immutableFields(o: ComparedObject): Danger[] {
  if (o.before === undefined || o.after === undefined) return [];
  const { before, after } = o;
  const rules = IMMUTABLE_FIELDS.filter(
    (r) =>
      r.kind === before.kind &&
      r.group === groupOf(before) &&
      (r.whenMarkedImmutable !== true || before.immutable === true),
  );
  const forced =
    specOf(o.afterBy?.kustomization).force === true ||
    (isPlainObject(after.metadata) &&
      isPlainObject(after.metadata.annotations) &&
      after.metadata.annotations['kustomize.toolkit.fluxcd.io/force'] === 'enabled');
  const kind = String(before.kind);
  const outcome = forced
    ? `with force enabled Flux deletes the ${kind} and creates it again`
    : `the API server refuses the change, so ${o.afterBy === undefined ? 'the apply' : `Kustomization ${kustomizationName(o.afterBy)}`} fails (delete the ${kind} first, or enable force)`;
  return rules.flatMap((r) =>
    r.fields
      .filter((field) => o.fields.some((f) => isUnderField(f.path, field) && (f.after !== undefined || f.secret)))
      .map((field) => ({
        kind: DangerKind.IMMUTABLE_FIELD,
        field,
        why: `${field} of an existing ${kind}${r.whenMarkedImmutable === true ? ' marked immutable' : ''} cannot be changed: ${outcome}`,
      })),
  );
}

function suspension(o: ComparedObject): Danger[] {
  if (o.before === undefined || o.after === undefined || !FLUX_GROUP.test(groupOf(o.after))) return [];
  const was = specOf(o.before).suspend === true;
  const is = specOf(o.after).suspend === true;
  if (was === is) return [];
  return is
    ? [
        {
          kind: DangerKind.SUSPENDED,
          field: 'spec.suspend',
          why: `Flux stops reconciling ${idOf(o.after)}: no change to it or to what it manages is applied until it is resumed`,
        },
      ]
    : [
        {
          kind: DangerKind.RESUMED,
          field: 'spec.suspend',
          why: `Flux reconciles ${idOf(o.after)} again and applies at once every change made while it was suspended`,
        },
      ];
}

function kustomizationSettings(o: ComparedObject): Danger[] {
  if (o.before === undefined || o.after === undefined || !isFluxKustomization(o.after)) return [];
  const before = specOf(o.before);
  const after = specOf(o.after);
  const out: Danger[] = [];
  if (before.prune !== true && after.prune === true) {
    out.push({
      kind: DangerKind.PRUNE_TURNED_ON,
      field: 'spec.prune',
      why: 'Flux now deletes what leaves its folder, also what it applied before and that the folder no longer holds',
    });
  }
  if (before.decryption !== undefined && after.decryption === undefined) {
    out.push({
      kind: DangerKind.DECRYPTION_REMOVED,
      field: 'spec.decryption',
      why: 'Flux no longer decrypts the SOPS files it applies: their Secrets fail to apply',
    });
  }
  return out;
}

/** The chart version a HelmRelease, HelmChart or chart source (OCIRepository of a chartRef) names, and its field. */
function chartVersionOf(m: Record<string, unknown>, isChartSource: boolean): [string, string | undefined] | undefined {
  const spec = specOf(m);
  const group = groupOf(m);
  if (m.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const chart = isPlainObject(spec.chart) ? specOf(spec.chart) : undefined;
    return chart === undefined ? undefined : ['spec.chart.spec.version', stringField(chart, 'version')];
  }
  if (m.kind === 'HelmChart' && group === 'source.toolkit.fluxcd.io')
    return ['spec.version', stringField(spec, 'version')];
  if (isChartSource && m.kind === 'OCIRepository' && isPlainObject(spec.ref)) {
    if (stringField(spec.ref, 'semver') !== undefined) return ['spec.ref.semver', stringField(spec.ref, 'semver')];
    return ['spec.ref.tag', stringField(spec.ref, 'tag')];
  }
  return undefined;
}

function chartMajorVersion(o: ComparedObject): Danger[] {
  if (o.before === undefined || o.after === undefined) return [];
  const key = objectKey(
    groupOf(o.after),
    String(o.after.kind),
    stringField(o.after.metadata, 'namespace'),
    stringField(o.after.metadata, 'name') ?? '',
  );
  const source = o.isChartSource(key);
  const before = chartVersionOf(o.before, source);
  const after = chartVersionOf(o.after, source);
  if (before?.[1] === undefined || after?.[1] === undefined) return [];
  const from = majorVersion(before[1]);
  const to = majorVersion(after[1]);
  if (from === undefined || to === undefined || from === to) return [];
  return [
    {
      kind: DangerKind.CHART_MAJOR_VERSION,
      field: after[0],
      why: `the chart goes from major version ${from} to ${to} (${before[1]} -> ${after[1]}): a major version may rename or drop values and resources; read the chart's upgrade notes`,
    },
  ];
}

/** The `dependsOn` entries of an object, as `Kind namespace/name` (the kind only when the entry names one). */
function dependencies(m: Record<string, unknown>): string[] {
  const list = specOf(m).dependsOn;
  const own = stringField(m.metadata, 'namespace') ?? 'default';
  return (Array.isArray(list) ? list : []).flatMap((d: unknown) => {
    const name = stringField(d, 'name');
    if (name === undefined) return [];
    const kind = stringField(d, 'kind') ?? (isFluxKustomization(m) ? 'Kustomization' : String(m.kind));
    return [`${kind} ${stringField(d, 'namespace') ?? own}/${name}`];
  });
}

function dependsOnDropped(o: ComparedObject): Danger[] {
  if (o.before === undefined || o.after === undefined || !FLUX_GROUP.test(groupOf(o.after))) return [];
  const kept = new Set(dependencies(o.after));
  return dependencies(o.before)
    .filter((d) => !kept.has(d))
    .map((d) => ({
      kind: DangerKind.DEPENDS_ON_DROPPED,
      field: 'spec.dependsOn',
      why: `no longer waits for ${d}: Flux may apply it first, before the CRDs, namespaces or secrets it needs are there`,
    }));
}

function movedBetweenKustomizations(o: ComparedObject): Danger[] {
  if (o.change !== ChangeKind.MOVED || o.beforeBy === undefined || o.afterBy === undefined) return [];
  if (specOf(o.beforeBy.kustomization).prune !== true) return [];
  return [
    {
      kind: DangerKind.MOVED_BETWEEN_KUSTOMIZATIONS,
      why: `moves from Kustomization ${kustomizationName(o.beforeBy)}, which prunes, to ${kustomizationName(o.afterBy)}: if ${kustomizationName(o.beforeBy)} reconciles first it deletes the object, and ${kustomizationName(o.afterBy)} creates it again`,
    },
  ];
}

/** The danger rules, each a function of one compared object; adding a rule is adding an entry. */
const RULES: readonly ((o: ComparedObject) => Danger[])[] = [
  pruneDeletesData,
  immutableFields,
  suspension,
  kustomizationSettings,
  chartMajorVersion,
  dependsOnDropped,
  movedBetweenKustomizations,
];

/** What is dangerous about one object's change, each with why. */
export function dangersOf(o: ComparedObject): Danger[] {
  return RULES.flatMap((rule) => rule(o));
}
