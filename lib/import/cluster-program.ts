import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { KustomizationBuild } from '../validate/cluster/cluster-walk';
import { EntryPoint } from '../validate/cluster/entry-points';
import { objectIdOf, stringField } from '../validate/manifest-fields';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from '../validate/record';
import { unresolvedReferences } from '../validate/references';
import { readSopsMetadata } from '../sops/read-sops-metadata';
import { fileNameProblem } from '../render/file-name-problem';
import {
  Expression,
  Statement,
  array,
  call,
  construct,
  flux,
  member,
  object,
  optionsArgument,
  projectFile,
  value,
  variable,
} from './expression';
import { applicationOptions } from './kinds/kustomization-kind';
import { operatorBootstrap } from './kinds/operator-kinds';
import { SECRET_PROPS } from './kinds/typed-props';
import { IdentifierPool } from './names';
import { FLUX_GROUP, TYPED_ID, objectStatement } from './object-statement';

/** The FluxInstance of a cluster run by the Flux Operator: the operator accepts no other name. */
const INSTANCE_KEY = 'FluxInstance|flux-system|flux';

/** The sync objects of `flux bootstrap`, which the GitOpsRepository writes. */
const SYNC_KEYS = ['GitRepository|flux-system|flux-system', 'Kustomization|flux-system|flux-system'];

/** A cluster run by the Flux Operator whose FluxInstance the import cannot write; the message says why. */
export class OperatorClusterError extends Error {}

/**
 * The `Kind|namespace|name` of the Secrets an object refers to as objects: its kubeConfig, a FluxInstance's pull
 * Secret, the Secrets of the kinds of {@link SECRET_PROPS} and of a Bucket's STS.
 */
function secretObjectRefs(manifest: Readonly<Record<string, unknown>>): string[] {
  const spec = isPlainObject(manifest.spec) ? manifest.spec : {};
  const namespace = stringField(manifest.metadata, 'namespace') ?? '';
  const kubeConfig = isPlainObject(spec.kubeConfig) ? stringField(spec.kubeConfig.secretRef, 'name') : undefined;
  const pull =
    manifest.kind === 'FluxInstance' && isPlainObject(spec.sync) ? stringField(spec.sync, 'pullSecret') : undefined;
  const typed = FLUX_GROUP.test(String(manifest.apiVersion))
    ? Object.keys(SECRET_PROPS[String(manifest.kind)] ?? {}).map((f) => stringField(spec[f], 'name'))
    : [];
  const sts =
    manifest.kind === 'Bucket' && isPlainObject(spec.sts)
      ? ['secretRef', 'certSecretRef'].map((f) => stringField((spec.sts as Record<string, unknown>)[f], 'name'))
      : [];
  return [kubeConfig, pull, ...typed, ...sts].filter((n) => n !== undefined).map((n) => `Secret|${namespace}|${n}`);
}

/** `Kind namespace/name`, as the kept objects name an object. */
function described(id: { readonly kind: string; readonly name: string; readonly namespace?: string }): string {
  return `${id.kind} ${id.namespace ?? ''}/${id.name}`;
}

/** `Kind|namespace|name`: an object of a cluster. */
export function objectKey(manifest: Readonly<Record<string, unknown>>): string {
  const id = objectIdOf(manifest);
  return `${id?.kind ?? ''}|${id?.namespace ?? ''}|${id?.name ?? ''}`;
}

/** What the import could not write with a typed construct, or changed on purpose. */
export interface KeptObject {
  /** The cluster folder. */
  readonly cluster: string;
  /** `Kind namespace/name`. */
  readonly object: string;
  /** The file of the original repository that holds it. */
  readonly file?: string;
  /** Why. */
  readonly reason: string;
}

/** One cluster of the program: a function that declares its GitOpsRepository. */
export interface ClusterFunction {
  /** The function's name. */
  readonly name: string;
  /** The cluster folder of the original repository. */
  readonly folder: string;
  /** Its statements, in order. */
  readonly statements: readonly Statement[];
  /** The variable of its GitOpsRepository, which the function returns. */
  readonly repository: string;
}

/** What the program builder needs to know beyond the tree. */
export interface ClusterProgramInput {
  readonly root: string;
  readonly entry: EntryPoint;
  /** The builds of this cluster, the entry point's first. */
  readonly builds: readonly KustomizationBuild[];
  /** The function's name and the GitOpsRepository's id. */
  readonly name: string;
  /** The git repository's URL and branch, when the tree does not say. */
  readonly url?: string;
  readonly branch?: string;
  /** Objects to keep as written, by {@link objectKey}, with the reason. */
  readonly keep: ReadonlyMap<string, string>;
  /** The files the program reads, by path in the project; the import adds the SOPS files it moves there. */
  readonly files: Map<string, string>;
}

/** The layer an application goes into: named after the file or folder that declares its Flux Kustomization. */
function layerOf(file: string, cluster: string): string {
  const rel = cluster !== '' && file.startsWith(`${cluster}/`) ? file.slice(cluster.length + 1) : file;
  const parts = rel.split('/');
  const name = parts.length >= 3 ? parts[parts.length - 3] : parts[0].replace(/\.ya?ml$/, '');
  return name === 'flux' || name === '' ? 'apps' : name;
}

/**
 * The objects a manifest refers to, as {@link objectKey}s: its sources and dependencies, an Alert's Provider and the
 * objects it selects by name, an ImagePolicy's ImageRepository, a ResourceSet's input providers, and the Secrets it
 * takes as objects.
 */
function referencedKeys(manifest: Readonly<Record<string, unknown>>): string[] {
  const spec = isPlainObject(manifest.spec) ? manifest.spec : {};
  const namespace = stringField(manifest.metadata, 'namespace') ?? '';
  const key = (ref: unknown, kind?: string) =>
    isPlainObject(ref)
      ? `${kind ?? stringField(ref, 'kind') ?? ''}|${stringField(ref, 'namespace') ?? namespace}|${stringField(ref, 'name') ?? ''}`
      : undefined;
  const chartSpec = isPlainObject(spec.chart) && isPlainObject(spec.chart.spec) ? spec.chart.spec : {};
  const own = manifest.kind as string;
  const list = (field: unknown) => (Array.isArray(field) ? (field as unknown[]) : []);
  const depends = list(spec.dependsOn).map((d) => key(d, own));
  // the objects an Alert or Receiver names one by one (not `*`), its Provider, an ImagePolicy's ImageRepository
  const selected = [...list(spec.eventSources), ...list(spec.resources)]
    .filter((s) => stringField(s, 'name') !== '*')
    .map((s) => key(s));
  const notification = [key(spec.providerRef, 'Provider'), key(spec.imageRepositoryRef, 'ImageRepository')];
  // the input providers a ResourceSet names (those it selects by labels are no reference)
  const providers = FLUX_GROUP.test(String(manifest.apiVersion))
    ? list(spec.inputsFrom)
        .filter((s) => stringField(s, 'name') !== undefined)
        .map((s) => key(s, 'ResourceSetInputProvider'))
    : [];
  return [
    key(spec.sourceRef),
    key(spec.chartRef),
    key(chartSpec.sourceRef),
    ...depends,
    ...(TYPED_ID.test(String(manifest.apiVersion)) ? [...selected, ...notification] : []),
    ...providers,
    ...secretObjectRefs(manifest),
  ].filter((k): k is string => k !== undefined);
}

/** The bootstrap customization of `<cluster>/flux-system/kustomization.yaml`: its labels and patches. */
function fluxSystemCustomization(root: string, cluster: string): { expr?: Expression; problems: string[] } {
  const file = path.join(root, cluster, 'flux-system', 'kustomization.yaml');
  if (!fs.existsSync(file)) return { problems: [] };
  const config = parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!isPlainObject(config)) return { problems: [] };
  const { apiVersion: _a, kind: _k, resources: _r, labels, patches, ...rest } = config;
  const problems = Object.keys(rest).map((k) => `${k} of flux-system/kustomization.yaml has no fluxSystem prop`);
  const pairs = Array.isArray(labels) ? labels.map((l) => (isPlainObject(l) ? l : {})) : [];
  if (pairs.some((l) => Object.keys(l).some((k) => k !== 'pairs'))) {
    problems.push('labels of flux-system/kustomization.yaml set more than pairs');
  }
  const merged = Object.assign({}, ...pairs.map((l) => l.pairs)) as Record<string, string>;
  const expr = object({
    labels: Object.keys(merged).length > 0 ? value(merged) : undefined,
    patches: patches === undefined ? undefined : value(patches),
  });
  return { expr: expr.form === 'object' && expr.fields.length > 0 ? expr : undefined, problems };
}

/**
 * The statements of one cluster: its `GitOpsRepository`, one application per Flux Kustomization that Flux builds
 * from this repository (in the layer its file names, `dependsOn` as the variables of the applications), and in each
 * the objects it applies, as Flux applies them (its patches, target namespace and variables applied).
 */
export function clusterProgram(input: ClusterProgramInput): { fn: ClusterFunction; kept: KeptObject[] } {
  const { entry, builds } = input;
  const cluster = entry.folder;
  const kept: KeptObject[] = [];
  const statements: Statement[] = [];
  const names = new IdentifierPool();
  const declared = new Map<string, Expression>();
  const lookup = (kind: string, namespace: string, name: string) => declared.get(`${kind}|${namespace}|${name}`);

  // The entry point's own sync objects are the GitOpsRepository's, or its FluxInstance's with the Flux Operator.
  const rootBuild = builds[0];
  const syncSource = rootBuild.records.find(
    (r) => r.manifest.kind === 'GitRepository' && objectKey(r.manifest) === 'GitRepository|flux-system|flux-system',
  )?.manifest;
  const instance = entry.operator
    ? rootBuild.records.find((r) => objectKey(r.manifest) === INSTANCE_KEY)?.manifest
    : undefined;
  if (entry.operator && instance === undefined) {
    throw new OperatorClusterError(
      `its FluxInstance is not a file of the tree (the flux-instance Helm chart makes it from ${entry.file}), and the import writes only FluxInstance files`,
    );
  }

  // Secrets and ConfigMaps the cluster's objects name but that no file makes (a kubeconfig, credentials made by
  // hand, a pull Secret) are declared external, before everything else, so the program synthesizes; the ones that
  // are referred to as objects (a kubeConfig, the pull Secret) get a variable.
  const referredTo = new Set(builds.flatMap((b) => b.records.map((r) => r.manifest)).flatMap(secretObjectRefs));
  const externals: Statement[] = [];
  const external = (kind: 'Secret' | 'ConfigMap', namespace: string, name: string): Expression | undefined => {
    const key = `${kind}|${namespace}|${name}`;
    if (declared.has(key)) return declared.get(key);
    const v = referredTo.has(key) ? names.take(name, kind) : undefined;
    externals.push({
      variable: v,
      expression: call(
        flux(kind === 'Secret' ? 'externalSecret' : 'externalConfigMap'),
        variable('app'),
        value(`${input.name}-${kind.toLowerCase()}-${namespace}-${name}`),
        value(name),
        object({ namespace: value(namespace) }),
      ),
    });
    if (v !== undefined) declared.set(key, variable(v));
    return v === undefined ? undefined : variable(v);
  };

  const syncSpec = isPlainObject(syncSource?.spec) ? syncSource.spec : {};
  const operator =
    instance === undefined
      ? undefined
      : operatorBootstrap(instance, (n) => external('Secret', 'flux-system', n) ?? value(n));
  const url = stringField(syncSpec, 'url') ?? input.url;
  if (url === undefined) {
    const says = entry.operator
      ? 'its FluxInstance syncs from no git repository'
      : 'gotk-sync.yaml holds no GitRepository';
    throw new Error(`${entry.file}: the cluster ${cluster} does not name its git repository (${says}); give --url`);
  }
  const rootSpec = isPlainObject(entry.kustomization.spec) ? entry.kustomization.spec : {};
  const customization = entry.operator ? { problems: [] } : fluxSystemCustomization(input.root, cluster);
  customization.problems.forEach((reason) => kept.push({ cluster, object: 'flux-system', reason }));
  const repo = names.take('repo', 'repository');
  // each encrypted file is read once, for the key it is encrypted for and to move it into the project
  const encrypted = encryptedFiles(input.root, builds);
  const sops = sopsKeyOf(builds, encrypted);
  sops.problems.forEach((reason) => kept.push({ cluster, object: 'SOPS key', reason }));
  const props = {
    url: value(url),
    ...(operator === undefined
      ? {
          branch: value(stringField(syncSpec.ref, 'branch') ?? input.branch ?? 'main'),
          path: value((stringField(rootSpec, 'path') ?? cluster).replace(/^\.\//, '')),
          secretName:
            isPlainObject(syncSpec.secretRef) && syncSpec.secretRef.name !== 'flux-system'
              ? value(syncSpec.secretRef.name)
              : undefined,
          syncInterval: syncSource === undefined ? undefined : value(stringField(syncSpec, 'interval')),
          applyInterval: entry.written ? value(stringField(rootSpec, 'interval')) : undefined,
          fluxSystem: 'expr' in customization ? customization.expr : undefined,
        }
      : { path: value(cluster), bootstrap: operator.bootstrap, syncInterval: operator.syncInterval }),
    sops: sops.key,
  };
  statements.push({
    variable: repo,
    expression: construct(flux('GitOpsRepository'), variable('app'), value(input.name), object(props)),
  });

  // What refers to the sync source refers to the repository's.
  for (const kind of ['GitRepository', 'OCIRepository', 'Bucket']) {
    declared.set(`${kind}|flux-system|flux-system`, member(variable(repo), 'syncSource'));
  }
  const apps = builds.slice(1).filter((b) => !b.failed);
  // the Git credentials and the SOPS key are the repository's own, declared by it
  const own = [stringField(syncSpec.secretRef, 'name') ?? 'flux-system', sops.secretName];
  for (const wanted of unresolvedReferences([rootBuild, ...apps].flatMap((b) => b.records))) {
    if ((wanted.kind !== 'Secret' && wanted.kind !== 'ConfigMap') || wanted.namespace === undefined) continue;
    if (wanted.kind === 'Secret' && wanted.namespace === 'flux-system' && own.includes(wanted.name)) continue;
    external(wanted.kind, wanted.namespace, wanted.name);
  }
  const followed = new Set(apps.map((b) => objectKey(b.kustomization)));
  // Applications whose objects or dependencies another uses come first.
  const provides = new Map<string, number>();
  apps.forEach((b, i) => {
    provides.set(objectKey(b.kustomization), i);
    b.records.forEach((r) => provides.set(objectKey(r.manifest), i));
  });
  const order: number[] = [];
  const visiting = new Set<number>();
  const visit = (i: number) => {
    if (order.includes(i) || visiting.has(i)) return;
    visiting.add(i);
    const needs = [apps[i].kustomization, ...apps[i].records.map((r) => r.manifest)].flatMap(referencedKeys);
    for (const k of needs) {
      const j = provides.get(k);
      if (j !== undefined && j !== i) visit(j);
    }
    order.push(i);
  };
  apps.forEach((_, i) => visit(i));

  const referenced = new Set(
    [rootBuild, ...apps].flatMap((b) => [b.kustomization, ...b.records.map((r) => r.manifest)]).flatMap(referencedKeys),
  );
  const layers = new Map<string, string>();
  const layerOfApp = (file: string) => {
    const name = layerOf(file, cluster);
    let v = layers.get(name);
    if (v === undefined) {
      v = names.take(name, 'layer');
      layers.set(name, v);
      statements.push({ variable: v, expression: call(member(variable(repo), 'layer'), value(name)) });
    }
    return variable(v);
  };

  const addObjects = (scope: Expression, records: readonly ManifestRecord[], defaultNamespace: string) => {
    const ids = new Set<string>();
    const sorted = dependencyOrder([...records].sort((a, b) => rank(a.manifest) - rank(b.manifest)));
    for (const record of sorted) {
      const key = objectKey(record.manifest);
      if (followed.has(key) || record.external === true) continue;
      const id = objectIdOf(record.manifest);
      if (id === undefined) continue;
      if (record.encrypted === true) {
        // never decrypted nor copied into code: the file moves into the project, where SopsSecret reads it
        const moved = sopsFileStatement(input.files, encrypted, record, scope, id, ids);
        if (typeof moved === 'string') {
          kept.push({ cluster, object: described(id), file: record.file, reason: moved });
          // made outside the program until its file is carried over, so what refers to it still synthesizes
          if (id.kind === 'Secret') external('Secret', id.namespace ?? defaultNamespace, id.name);
          continue;
        }
        const v = referenced.has(key) ? names.take(id.name, id.kind) : undefined;
        statements.push({ ...moved, variable: v });
        if (v !== undefined) declared.set(key, variable(v));
        continue;
      }
      const typedKind = TYPED_ID.test(String(record.manifest.apiVersion));
      let constructId = typedKind ? id.name : `${id.kind.toLowerCase()}-${id.name}`;
      if (ids.has(`${id.kind}|${constructId}`)) constructId = `${constructId}-${id.namespace ?? 'cluster'}`;
      ids.add(`${id.kind}|${constructId}`);
      const context = { lookup, defaultNamespace };
      const keep = input.keep.get(key);
      // an object kept as written is no reference target: what refers to it is kept as written too
      const v =
        referenced.has(key) &&
        objectStatement(record.manifest, scope, constructId, context, undefined, keep).kept === undefined
          ? names.take(id.name, id.kind)
          : undefined;
      const made = objectStatement(record.manifest, fileScope(scope, record, id), constructId, context, v, keep);
      statements.push(made.statement);
      if (v !== undefined) declared.set(key, variable(v));
      if (made.upgraded !== undefined) {
        const reason = `apiVersion ${String(record.manifest.apiVersion)} is written as ${made.upgraded}, the version Flux serves`;
        kept.push({ cluster, object: described(id), file: record.file, reason });
      }
      if (made.kept !== undefined) {
        kept.push({ cluster, object: described(id), file: record.file, reason: made.kept });
      }
    }
  };

  // Objects the entry point applies beside the Flux Kustomizations go into the Flux folder of their file's layer, or
  // into the bootstrap folder when their file is in the cluster's flux-system/ folder.
  const sync = [INSTANCE_KEY, ...SYNC_KEYS];
  const rootObjects = rootBuild.records.filter((r) => !sync.includes(objectKey(r.manifest)));
  const bootstrapFiles = `${cluster === '' ? '' : `${cluster}/`}flux-system/`;
  for (const record of rootObjects.filter((r) => !followed.has(objectKey(r.manifest)))) {
    // (an object a generator of the bootstrap folder makes has no file of its own)
    const file = record.file ?? bootstrapFiles;
    const scope = file.startsWith(bootstrapFiles)
      ? member(variable(repo), 'bootstrapFolder')
      : member(layerOfApp(file), 'kustomizationsFolder');
    addObjects(scope, [record], 'flux-system');
  }

  for (const i of order) {
    const build = apps[i];
    const name = stringField(build.kustomization.metadata, 'name') ?? 'app';
    const layer = layerOfApp(build.file);
    const { options, problems } = applicationOptions(build.kustomization, lookup);
    problems.forEach((reason) =>
      kept.push({
        cluster,
        object: `Kustomization ${stringField(build.kustomization.metadata, 'namespace') ?? 'flux-system'}/${name}`,
        file: build.file,
        reason,
      }),
    );
    const namespaces = build.records
      .filter((r) => TYPED_ID.test(String(r.manifest.apiVersion)) && !followed.has(objectKey(r.manifest)))
      .map((r) => stringField(r.manifest.metadata, 'namespace') ?? 'flux-system');
    const namespace = mostCommon(namespaces) ?? 'flux-system';
    const v = names.take(name, 'app');
    statements.push({
      variable: v,
      expression: call(
        member(layer, 'addApplication'),
        value(name),
        object({ ...(namespace === 'flux-system' ? {} : { namespace: value(namespace) }), ...options }),
      ),
    });
    declared.set(objectKey(build.kustomization), variable(v));
    addObjects(variable(v), build.records, namespace);
  }
  if (operator !== undefined && operator.problems.length > 0) {
    throw new OperatorClusterError(
      `its FluxInstance cannot be written with Bootstrap.fluxOperator: ${operator.problems.join('; ')}`,
    );
  }
  return {
    fn: { name: input.name, folder: cluster, statements: [...externals, ...statements], repository: repo },
    kept,
  };
}

/** `records` with each object after the objects of `records` it refers to (a cycle keeps the given order). */
function dependencyOrder(records: readonly ManifestRecord[]): ManifestRecord[] {
  const keys = new Map(records.map((r) => [objectKey(r.manifest), r]));
  const out: ManifestRecord[] = [];
  const state = new Map<ManifestRecord, 'visiting' | 'done'>();
  const visit = (r: ManifestRecord) => {
    if (state.has(r)) return;
    state.set(r, 'visiting');
    for (const k of referencedKeys(r.manifest)) {
      const target = keys.get(k);
      if (target !== undefined && target !== r) visit(target);
    }
    state.set(r, 'done');
    out.push(r);
  };
  records.forEach(visit);
  return out;
}

/** Sources before the objects that use them. */
function rank(manifest: Readonly<Record<string, unknown>>): number {
  const kind = String(manifest.kind);
  if (kind === 'Namespace') return 0;
  return ['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'HelmChart'].includes(kind) ? 1 : 2;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The name of the file of the tree that holds `record`, when a folder can hold a file of that name. */
function originalFileName(record: ManifestRecord): string | undefined {
  const name = record.file === undefined ? undefined : path.posix.basename(record.file);
  return name !== undefined && fileNameProblem(name, { constructPath: '', field: '' }) === undefined ? name : undefined;
}

/**
 * The scope an object is made in: the file of its folder named as the file of the tree that holds it (so that objects
 * written together stay together, `release.yaml` and `pvc.yaml` keep their names), unless that is the name synth
 * gives it anyway or one a folder cannot hold.
 */
function fileScope(
  scope: Expression,
  record: ManifestRecord,
  id: { readonly kind: string; readonly name: string },
): Expression {
  const name = originalFileName(record);
  if (name === undefined || name === `${id.kind.toLowerCase()}-${id.name}.yaml`) return scope;
  return call(member(scope, 'file'), value(name));
}

/** Where the import moves a SOPS file of the tree in the project. */
const SECRETS_FOLDER = 'secrets';

/**
 * `SopsSecret.fromFile(scope, id, 'secrets/<file>', ...)` for an encrypted Secret of the tree, whose file is added to
 * the project's files as it is; or why it cannot be (a file of several documents, not a Secret, not YAML).
 */
function sopsFileStatement(
  files: Map<string, string>,
  encrypted: ReadonlyMap<string, string>,
  record: ManifestRecord,
  scope: Expression,
  id: { readonly kind: string; readonly name: string; readonly namespace?: string },
  ids: Set<string>,
): Statement | string {
  const file = record.file;
  const text = file === undefined ? undefined : encrypted.get(file);
  // said in the summary: the object is not in the program, its file must be carried over by hand
  const notMoved = 'only a SOPS-encrypted YAML file of one Secret is moved; copy this one into the new tree by hand';
  if (file === undefined || text === undefined || !/\.ya?ml$/.test(file) || id.kind !== 'Secret') return notMoved;
  if (parseAllDocuments(text).length !== 1) return notMoved;
  const projectPath = `${SECRETS_FOLDER}/${file}`;
  files.set(projectPath, text);
  let constructId = id.name;
  if (ids.has(`SopsSecret|${constructId}`)) constructId = `${id.name}-${id.namespace ?? 'cluster'}`;
  ids.add(`SopsSecret|${constructId}`);
  const fileName = originalFileName(record);
  const options = optionsArgument({
    name: constructId === id.name ? undefined : value(id.name),
    namespace: id.namespace === undefined ? undefined : value(id.namespace),
    fileName: fileName === undefined || fileName === `secret-${id.name}.yaml` ? undefined : value(fileName),
  });
  return {
    expression: call(flux('SopsSecret', 'fromFile'), scope, value(constructId), projectFile(projectPath), ...options),
  };
}

/** The text of each SOPS-encrypted file the builds apply, by its path in the tree. */
function encryptedFiles(root: string, builds: readonly KustomizationBuild[]): Map<string, string> {
  const files = builds.flatMap((b) => b.records).flatMap((r) => (r.encrypted === true && r.file ? [r.file] : []));
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(root, ...f.split('/')), 'utf8')]));
}

/**
 * The repository's `sops` key, from the recipients of the SOPS files its Kustomizations apply (the first age
 * recipient and PGP fingerprint as the cluster's key, the others as extra recipients) and the Secret their
 * `decryption` names; undefined when no file is encrypted.
 */
function sopsKeyOf(
  builds: readonly KustomizationBuild[],
  encrypted: ReadonlyMap<string, string>,
): { readonly key?: Expression; readonly secretName?: string; readonly problems: readonly string[] } {
  const age: string[] = [];
  const pgp: string[] = [];
  const problems: string[] = [];
  let secretName: string | undefined;
  for (const build of builds) {
    const files = build.records
      .filter((r) => r.encrypted === true && r.file !== undefined)
      .map((r) => r.file as string);
    if (files.length === 0) continue;
    const spec = isPlainObject(build.kustomization.spec) ? build.kustomization.spec : {};
    secretName ??= isPlainObject(spec.decryption) ? stringField(spec.decryption.secretRef, 'name') : undefined;
    for (const file of files) {
      try {
        for (const r of readSopsMetadata(encrypted.get(file) ?? '', 'yaml', { fileName: file }).recipients) {
          const list = r.type === 'age' ? age : r.type === 'pgp' ? pgp : undefined;
          if (list !== undefined && !list.includes(r.id)) list.push(r.id);
        }
      } catch {
        problems.push(`${file} is not a SOPS file the import can read`);
      }
    }
  }
  if (age.length + pgp.length === 0) return { problems };
  const extra = [
    ...age.slice(1).map((r) => call(flux('SopsRecipient', 'age'), value(r))),
    ...pgp.slice(1).map((r) => call(flux('SopsRecipient', 'pgp'), value(r))),
  ];
  const key = object({
    ageRecipient: age.length > 0 ? value(age[0]) : undefined,
    pgpFingerprint: pgp.length > 0 ? value(pgp[0]) : undefined,
    secretName: secretName === undefined ? undefined : value(secretName),
    extraRecipients: extra.length > 0 ? array(extra) : undefined,
  });
  return { key, secretName, problems };
}
