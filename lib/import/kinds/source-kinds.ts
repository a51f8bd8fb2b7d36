import { GitProvider } from '../../flux/git-repository';
import { HelmRepositoryType } from '../../flux/helm-repository';
import { HELM_CHART_MEDIA_TYPE, OciLayerOperation } from '../../flux/oci-layer-selector';
import { OciProvider } from '../../flux/oci-repository';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, call, flux, object, value } from '../expression';
import { FieldReader, Importer, TypedContext, metadataProps, typedObject } from './typed-props';

/** The spec reader and the shared props of a Flux object. */
export function start(manifest: Readonly<Record<string, unknown>>, id: string, context: TypedContext) {
  const problems: string[] = [];
  const meta = metadataProps(isPlainObject(manifest.metadata) ? manifest.metadata : {}, id, context, problems);
  const spec = new FieldReader(isPlainObject(manifest.spec) ? manifest.spec : {}, 'spec');
  return { problems, meta, spec };
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
  const { problems, meta, spec } = start(manifest, id, context);
  const props = {
    ...meta,
    url: spec.string('url'),
    ref: spec.nested('ref', ociRef),
    layerSelector: spec.nested('layerSelector', layerSelector),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    provider: spec.enum('provider', 'OciProvider', OciProvider),
    secretName: spec.localRef('secretRef'),
    serviceAccountName: spec.string('serviceAccountName'),
    verify: spec.nested('verify', verification),
    ignore: spec.string('ignore'),
    insecure: spec.boolean('insecure'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('OciRepository', props, [...problems, ...spec.remaining()]);
};

const helmRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const props = {
    ...meta,
    url: spec.string('url'),
    type: spec.enum('type', 'HelmRepositoryType', HelmRepositoryType),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    secretName: spec.localRef('secretRef'),
    provider: spec.enum('provider', 'OciProvider', OciProvider),
    insecure: spec.boolean('insecure'),
    passCredentials: spec.boolean('passCredentials'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('HelmRepository', props, [...problems, ...spec.remaining()]);
};

const gitRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec } = start(manifest, id, context);
  const props = {
    ...meta,
    url: spec.string('url'),
    ref: spec.nested('ref', gitRef),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    secretName: spec.localRef('secretRef'),
    provider: spec.enum('provider', 'GitProvider', GitProvider),
    serviceAccountName: spec.string('serviceAccountName'),
    sparseCheckout: spec.json('sparseCheckout'),
    ignore: spec.string('ignore'),
    recurseSubmodules: spec.boolean('recurseSubmodules'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('GitRepository', props, [...problems, ...spec.remaining()]);
};

/** The importers of the Flux source kinds, by kind. */
export const SOURCE_IMPORTERS: Readonly<Record<string, Importer>> = {
  OCIRepository: ociRepository,
  HelmRepository: helmRepository,
  GitRepository: gitRepository,
};
