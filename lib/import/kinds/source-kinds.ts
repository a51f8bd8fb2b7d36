import { CopyStrategy } from '../../flux/artifact-generator';
import { BucketProvider } from '../../flux/bucket';
import { GitProvider } from '../../flux/git-repository';
import { HelmRepositoryType } from '../../flux/helm-repository';
import { HELM_CHART_MEDIA_TYPE, OciLayerOperation } from '../../flux/oci-layer-selector';
import { OciProvider } from '../../flux/oci-repository';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, array, call, flux, object, optionsArgument, value } from '../expression';
import {
  FieldReader,
  Importer,
  TypedContext,
  chartOptionProps,
  metadataProps,
  commonMetadataProp,
  namespaceOf,
  secretFieldProps,
  secretProps,
  typedObject,
} from './typed-props';

/** The spec reader and the shared props of a Flux object. */
export function start(manifest: Readonly<Record<string, unknown>>, id: string, context: TypedContext) {
  const problems: string[] = [];
  const meta = metadataProps(isPlainObject(manifest.metadata) ? manifest.metadata : {}, id, context, problems);
  const spec = new FieldReader(isPlainObject(manifest.spec) ? manifest.spec : {}, 'spec');
  return { problems, meta, spec, namespace: namespaceOf(manifest, context.defaultNamespace) };
}

/** `OciRef.tag(...)`, `OciRef.semver(...)` or `OciRef.digest(...)`. */
function ociRef(ref: FieldReader): Expression | undefined {
  const tag = ref.take('tag');
  const semver = ref.take('semver');
  const filter = ref.take('semverFilter');
  const digest = ref.take('digest');
  const set = [tag, semver, digest].filter((v) => v !== undefined).length;
  if (set !== 1 || (filter !== undefined && semver === undefined))
    return ref.fail('', 'is not one tag, semver or digest');
  if (digest !== undefined) return call(flux('OciRef', 'digest'), value(digest));
  if (tag !== undefined) return call(flux('OciRef', 'tag'), value(tag));
  return call(flux('OciRef', 'semver'), ...[semver, filter].filter((v) => v !== undefined).map(value));
}

/** `OciLayerSelector.helmChart()`, or `OciLayerSelector.mediaType(...)`. */
function layerSelector(selector: FieldReader): Expression | undefined {
  const mediaType = selector.take('mediaType');
  const operation = selector.enum('operation', 'OciLayerOperation', OciLayerOperation);
  if (typeof mediaType !== 'string') return selector.fail('mediaType', 'is not a string');
  if (mediaType === HELM_CHART_MEDIA_TYPE && selector.take('operation') === OciLayerOperation.COPY) {
    return call(flux('OciLayerSelector', 'helmChart'));
  }
  return call(flux('OciLayerSelector', 'mediaType'), ...[value(mediaType), operation].filter((e) => e !== undefined));
}

/** `GitRef.branch(...)` and its siblings. */
function gitRef(ref: FieldReader): Expression | undefined {
  const factories: Readonly<Record<string, string>> = {
    branch: 'branch',
    tag: 'tag',
    semver: 'semver',
    commit: 'commit',
    name: 'refName',
  };
  const set = Object.keys(factories).filter((k) => ref.take(k) !== undefined);
  if (set.length !== 1) return ref.fail('', 'is not one branch, tag, semver, commit or name');
  return call(flux('GitRef', factories[set[0]]), value(ref.take(set[0])));
}

/** `ArtifactVerification.cosign(...)` of a keyless verification; Secrets are left for the import to report. */
function verification(verify: FieldReader): Expression | undefined {
  if (verify.take('provider') !== 'cosign') return verify.fail('provider', 'is not "cosign"');
  const identities = verify.take('matchOIDCIdentity');
  if (identities === undefined) return call(flux('ArtifactVerification', 'cosign'));
  const isIdentity = (m: unknown) =>
    isPlainObject(m) && Object.keys(m).length === 2 && typeof m.issuer === 'string' && typeof m.subject === 'string';
  if (!Array.isArray(identities) || !identities.every(isIdentity)) {
    return verify.fail('matchOIDCIdentity', 'is not a list of { issuer, subject }');
  }
  return call(flux('ArtifactVerification', 'cosign'), object({ matchOidcIdentity: value(identities) }));
}

const ociRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = {
    ...meta,
    url: spec.string('url'),
    ref: spec.nested('ref', ociRef),
    layerSelector: spec.nested('layerSelector', layerSelector),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    provider: spec.enum('provider', 'OciProvider', OciProvider),
    ...secretProps('OCIRepository', spec, namespace, context.lookup),
    serviceAccountName: spec.string('serviceAccountName'),
    verify: spec.nested('verify', verification),
    ignore: spec.string('ignore'),
    insecure: spec.boolean('insecure'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('OciRepository', props, [...problems, ...spec.remaining()]);
};

const helmRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = {
    ...meta,
    url: spec.string('url'),
    type: spec.enum('type', 'HelmRepositoryType', HelmRepositoryType),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    ...secretProps('HelmRepository', spec, namespace, context.lookup),
    provider: spec.enum('provider', 'OciProvider', OciProvider),
    insecure: spec.boolean('insecure'),
    passCredentials: spec.boolean('passCredentials'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('HelmRepository', props, [...problems, ...spec.remaining()]);
};

const gitRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = {
    ...meta,
    url: spec.string('url'),
    ref: spec.nested('ref', gitRef),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    ...secretProps('GitRepository', spec, namespace, context.lookup),
    provider: spec.enum('provider', 'GitProvider', GitProvider),
    serviceAccountName: spec.string('serviceAccountName'),
    sparseCheckout: spec.json('sparseCheckout'),
    ignore: spec.string('ignore'),
    recurseSubmodules: spec.boolean('recurseSubmodules'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('GitRepository', props, [...problems, ...spec.remaining()]);
};

/** One `copy` entry of a generated artifact, its strategy as an enum member; undefined when it cannot be written. */
function artifactCopy(copy: FieldReader): Expression | undefined {
  const [from, to, exclude] = [copy.take('from'), copy.take('to'), copy.take('exclude')];
  if (typeof from !== 'string' || typeof to !== 'string') return copy.fail('', 'has no from and to');
  if (exclude !== undefined && (!Array.isArray(exclude) || !exclude.every((e) => typeof e === 'string'))) {
    return copy.fail('exclude', 'is not a list of patterns');
  }
  const entry = object({
    from: value(from),
    to: value(to),
    exclude: exclude === undefined ? undefined : value(exclude),
    strategy: copy.enum('strategy', 'CopyStrategy', CopyStrategy),
  });
  return copy.remaining().length === 0 ? entry : undefined;
}

/** The artifacts of an ArtifactGenerator. */
function generatedArtifacts(spec: FieldReader): Expression | undefined {
  const list = spec.take('artifacts');
  if (!Array.isArray(list)) return spec.fail('artifacts', 'is not a list');
  const items: Expression[] = [];
  for (const [i, item] of list.entries()) {
    if (!isPlainObject(item) || !Array.isArray(item.copy)) return spec.fail(`artifacts[${i}]`, 'is not an artifact');
    const artifact = new FieldReader(item, `spec.artifacts[${i}]`);
    const name = artifact.string('name');
    const revision = artifact.string('revision');
    const originRevision = artifact.string('originRevision');
    const copies = (artifact.take('copy') as unknown[]).map((c, j) =>
      isPlainObject(c) ? artifactCopy(new FieldReader(c, `spec.artifacts[${i}].copy[${j}]`)) : undefined,
    );
    const problems = artifact.remaining();
    if (copies.some((c) => c === undefined) || problems.length > 0 || name === undefined) {
      return spec.fail(`artifacts[${i}]`, problems.join('; ') || 'has a copy entry the import cannot write');
    }
    items.push(object({ name, copy: array(copies as Expression[]), revision, originRevision }));
  }
  return array(items);
}

/** An ArtifactGenerator: its sources by alias are the variables of the sources. */
const artifactGenerator: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const list = spec.take('sources');
  const sources: Record<string, Expression | undefined> = {};
  for (const source of Array.isArray(list) ? (list as unknown[]) : []) {
    const ok = isPlainObject(source) && ['alias', 'kind', 'name'].every((k) => typeof source[k] === 'string');
    const extra = isPlainObject(source)
      ? Object.keys(source).filter((k) => !['alias', 'kind', 'name', 'namespace'].includes(k))
      : [];
    const target =
      ok && extra.length === 0
        ? context.lookup(
            String(source.kind),
            typeof source.namespace === 'string' ? source.namespace : namespace,
            String(source.name),
          )
        : undefined;
    if (target === undefined) problems.push(`spec.sources names ${JSON.stringify(source)}, which is not imported`);
    else if (isPlainObject(source)) sources[String(source.alias)] = target;
  }
  if (!Array.isArray(list)) problems.push('spec.sources is not a list');
  const props = {
    ...meta,
    sources: object(sources),
    artifacts: generatedArtifacts(spec),
    pathPattern: spec.string('pathPattern'),
    commonMetadata: commonMetadataProp(spec),
  };
  return typedObject('ArtifactGenerator', props, [...problems, ...spec.remaining()]);
};

/** The source a `sourceRef` names (without a namespace: the object's own), or a problem; a missing one is one when `required`. */
function sourceOf(
  spec: FieldReader,
  namespace: string,
  context: TypedContext,
  required: boolean,
): Expression | undefined {
  const ref = spec.take('sourceRef');
  if (ref === undefined) return required ? spec.fail('sourceRef', 'is missing') : undefined;
  const target =
    isPlainObject(ref) && typeof ref.kind === 'string' && typeof ref.name === 'string'
      ? context.lookup(ref.kind, typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name)
      : undefined;
  return target ?? spec.fail('sourceRef', 'names no source the import makes');
}

/** A HelmChart: its source is the variable of the HelmRepository, GitRepository or Bucket. */
const helmChart: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = {
    ...meta,
    source: sourceOf(spec, namespace, context, true),
    chart: spec.string('chart'),
    ...chartOptionProps(spec),
    interval: spec.string('interval'),
    verify: spec.nested('verify', verification),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('HelmChart', props, [...problems, ...spec.remaining()]);
};

/** `BucketSts.aws(endpoint)` or `BucketSts.ldap(endpoint, { secret, certSecret })`. */
function bucketSts(sts: FieldReader, namespace: string, context: TypedContext): Expression | undefined {
  const provider = sts.take('provider');
  const endpoint = sts.string('endpoint');
  const secrets = secretFieldProps(
    { secretRef: 'secret', certSecretRef: 'certSecret' },
    sts,
    namespace,
    context.lookup,
  );
  if (endpoint === undefined) return sts.fail('endpoint', 'is missing');
  if (provider === 'aws' && Object.keys(secrets).length === 0) return call(flux('BucketSts', 'aws'), endpoint);
  if (provider === 'ldap') return call(flux('BucketSts', 'ldap'), endpoint, ...optionsArgument(secrets));
  return sts.fail('provider', 'is not aws (without Secrets) or ldap');
}

/** A Bucket: its Secrets are the program's Secret objects. */
const bucket: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = {
    ...meta,
    bucketName: spec.string('bucketName'),
    endpoint: spec.string('endpoint'),
    provider: spec.enum('provider', 'BucketProvider', BucketProvider),
    region: spec.string('region'),
    prefix: spec.string('prefix'),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    ...secretProps('Bucket', spec, namespace, context.lookup),
    serviceAccountName: spec.string('serviceAccountName'),
    sts: spec.nested('sts', (sts) => bucketSts(sts, namespace, context)),
    insecure: spec.boolean('insecure'),
    ignore: spec.string('ignore'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('Bucket', props, [...problems, ...spec.remaining()]);
};

/** An ExternalArtifact: the object that produces it, when it names one the program makes. */
const externalArtifact: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const props = { ...meta, source: sourceOf(spec, namespace, context, false) };
  return typedObject('ExternalArtifact', props, [...problems, ...spec.remaining()]);
};

/** The importers of the Flux source kinds, by kind. */
export const SOURCE_IMPORTERS: Readonly<Record<string, Importer>> = {
  OCIRepository: ociRepository,
  HelmRepository: helmRepository,
  GitRepository: gitRepository,
  ArtifactGenerator: artifactGenerator,
  HelmChart: helmChart,
  Bucket: bucket,
  ExternalArtifact: externalArtifact,
};
