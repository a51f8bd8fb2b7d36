import { CrdPolicy, DriftDetectionMode, ReleaseStrategy, UpgradeRemediation } from '../../flux/helm-release';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, array, call, flux, object, optionsArgument, value } from '../expression';
import { start } from './source-kinds';
import {
  FieldReader,
  Importer,
  ReferenceLookup,
  chartOptionProps,
  kubeConfig,
  references,
  typedObject,
} from './typed-props';

/** `HelmChartSource.fromRepository(repo, chart, options)` and its siblings, from `spec.chart.spec`. */
function chartTemplate(chart: FieldReader, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  return chart.nested('spec', (spec) => {
    const name = spec.take('chart');
    const ref = spec.take('sourceRef');
    const options = optionsArgument({ ...chartOptionProps(spec), interval: spec.string('interval') });
    if (!isPlainObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
      return spec.fail('sourceRef', 'is not a reference');
    }
    const factory = { HelmRepository: 'fromRepository', GitRepository: 'fromGitRepository', Bucket: 'fromBucket' }[
      ref.kind
    ];
    const target = lookup(ref.kind, typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name);
    if (factory === undefined || target === undefined) {
      return spec.fail('sourceRef', `names ${ref.kind} ${ref.name}, which is not imported`);
    }
    return call(flux('HelmChartSource', factory), target, value(name), ...options);
  });
}

/** `HelmChartSource.fromOciRepository(repo)` or `HelmChartSource.fromRef(chart)`, from `spec.chartRef`. */
function chartRef(reader: FieldReader, namespace: string, lookup: ReferenceLookup): Expression | undefined {
  const ref = reader.take('chartRef');
  if (ref === undefined) return undefined;
  if (!isPlainObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') {
    return reader.fail('chartRef', 'is not a reference');
  }
  const target = lookup(ref.kind, typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name);
  if (target === undefined) return reader.fail('chartRef', `names ${ref.kind} ${ref.name}, which is not imported`);
  return call(flux('HelmChartSource', ref.kind === 'OCIRepository' ? 'fromOciRepository' : 'fromRef'), target);
}

/** The props every release action shares, from `install` or `upgrade`. */
function action(a: FieldReader): Record<string, Expression | undefined> {
  const strategy = a.nested('strategy', (s) => ({
    strategy: s.enum('name', 'ReleaseStrategy', ReleaseStrategy),
    retryInterval: s.string('retryInterval'),
  }));
  return {
    crds: a.enum('crds', 'CrdPolicy', CrdPolicy),
    ...strategy,
    disableWait: a.boolean('disableWait'),
    timeout: a.string('timeout'),
  };
}

/** `ValuesFrom.configMap(...)` and `ValuesFrom.secret(...)`. */
function valuesFrom(reader: FieldReader): Expression | undefined {
  const list = reader.take('valuesFrom');
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return reader.fail('valuesFrom', 'is not a list');
  const items: Expression[] = [];
  for (const [i, item] of list.entries()) {
    if (!isPlainObject(item)) return reader.fail(`valuesFrom[${i}]`, 'is not an object');
    const entry = new FieldReader(item, `spec.valuesFrom[${i}]`);
    const kind = entry.take('kind');
    const name = entry.take('name');
    const options = optionsArgument({
      valuesKey: entry.string('valuesKey'),
      targetPath: entry.string('targetPath'),
      optional: entry.boolean('optional'),
    });
    const problems = entry.remaining();
    if ((kind !== 'ConfigMap' && kind !== 'Secret') || typeof name !== 'string' || problems.length > 0) {
      return reader.fail(`valuesFrom[${i}]`, problems.join('; ') || 'is not a ConfigMap or Secret reference');
    }
    items.push(call(flux('ValuesFrom', kind === 'Secret' ? 'secret' : 'configMap'), value(name), ...options));
  }
  return array(items);
}

/** The drift detection mode, with the fields it leaves alone when there are any. */
function driftDetection(d: FieldReader): Expression | undefined {
  const mode = d.enum('mode', 'DriftDetectionMode', DriftDetectionMode);
  const ignore = d.take('ignore');
  if (ignore === undefined) return mode;
  const isRule = (r: unknown) =>
    isPlainObject(r) &&
    Array.isArray(r.paths) &&
    r.paths.every((p) => typeof p === 'string') &&
    Object.keys(r).every((k) => k === 'paths' || (k === 'target' && isPlainObject(r.target)));
  if (!Array.isArray(ignore) || !ignore.every(isRule)) return d.fail('ignore', 'is not a list of { paths, target }');
  return object({ mode: mode ?? flux('DriftDetectionMode', 'DISABLED'), ignore: value(ignore) });
}

/** HelmRelease: the chart source becomes the variable of its repository, `dependsOn` the variables of releases. */
export const helmRelease: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const chart =
    spec.nested('chart', (c) => chartTemplate(c, namespace, context.lookup)) ??
    chartRef(spec, namespace, context.lookup);
  const props = {
    ...meta,
    chart,
    values: spec.json('values'),
    valuesFrom: valuesFrom(spec),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    releaseName: spec.string('releaseName'),
    targetNamespace: spec.string('targetNamespace'),
    storageNamespace: spec.string('storageNamespace'),
    dependsOn: references(spec, 'dependsOn', 'HelmRelease', namespace, context.lookup),
    install: spec.nested('install', (a) =>
      object({
        ...action(a),
        createNamespace: a.boolean('createNamespace'),
        retries: a.nested('remediation', (r) => r.number('retries')),
      }),
    ),
    upgrade: spec.nested('upgrade', (a) => {
      const remediation = a.nested('remediation', (r) => ({
        retries: r.number('retries'),
        remediation: r.enum('strategy', 'UpgradeRemediation', UpgradeRemediation),
      }));
      return object({
        ...action(a),
        ...remediation,
        cleanupOnFail: a.boolean('cleanupOnFail'),
        force: a.boolean('force'),
      });
    }),
    test: spec.nested('test', (t) => t.boolean('enable')),
    driftDetection: spec.nested('driftDetection', driftDetection),
    maxHistory: spec.number('maxHistory'),
    serviceAccountName: spec.string('serviceAccountName'),
    kubeConfig: kubeConfig(spec, namespace, context.lookup),
    suspend: spec.boolean('suspend'),
  };
  if (chart === undefined) problems.push('spec has neither chart nor chartRef the import can follow');
  return typedObject('HelmRelease', props, [...problems, ...spec.remaining()]);
};
