import { DigestReflectionPolicy } from '../../flux/image-policy';
import { OciProvider } from '../../flux/oci-repository';
import { TagOrder } from '../../flux/tag-policy';
import { isPlainObject } from '../../sops/base/plain-object';
import { Expression, call, flux, object, value } from '../expression';
import { start } from './source-kinds';
import { FieldReader, Importer, secretProps, typedObject } from './typed-props';

const imageRepository: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const accessFrom = spec.take('accessFrom');
  const selectorsOf =
    isPlainObject(accessFrom) && Array.isArray(accessFrom.namespaceSelectors) ? accessFrom : undefined;
  if (accessFrom !== undefined && selectorsOf === undefined) problems.push('spec.accessFrom has no namespaceSelectors');
  const props = {
    ...meta,
    image: spec.string('image'),
    interval: spec.string('interval'),
    timeout: spec.string('timeout'),
    serviceAccountName: spec.string('serviceAccountName'),
    provider: spec.enum('provider', 'OciProvider', OciProvider),
    insecure: spec.boolean('insecure'),
    exclusionList: spec.json('exclusionList'),
    accessFrom:
      selectorsOf === undefined
        ? undefined
        : value(
            (selectorsOf.namespaceSelectors as unknown[]).map((s) => (isPlainObject(s) ? (s.matchLabels ?? {}) : {})),
          ),
    suspend: spec.boolean('suspend'),
    ...secretProps('ImageRepository', spec, namespace, context.lookup),
  };
  return typedObject('ImageRepository', props, [...problems, ...spec.remaining()]);
};

/** `TagPolicy.semver(range)`, `.alphabetical(order)` or `.numerical(order)`. */
function tagPolicy(policy: FieldReader): Expression | undefined {
  const semver = policy.nested('semver', (s) => s.take('range'));
  if (typeof semver === 'string') return call(flux('TagPolicy', 'semver'), value(semver));
  for (const [field, factory] of [
    ['alphabetical', 'alphabetical'],
    ['numerical', 'numerical'],
  ] as const) {
    const order = policy.nested(field, (o) => o.enum('order', 'TagOrder', TagOrder) ?? null);
    if (order !== undefined) return call(flux('TagPolicy', factory), ...(order === null ? [] : [order]));
  }
  return policy.fail('', 'is not one semver, alphabetical or numerical policy');
}

const imagePolicy: Importer = (manifest, id, context) => {
  const { problems, meta, spec, namespace } = start(manifest, id, context);
  const ref = spec.take('imageRepositoryRef');
  const target =
    isPlainObject(ref) && typeof ref.name === 'string'
      ? context.lookup('ImageRepository', typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name)
      : undefined;
  if (target === undefined)
    problems.push(`spec.imageRepositoryRef names ${JSON.stringify(ref)}, which is not imported`);
  const props = {
    ...meta,
    imageRepository: target,
    policy: spec.nested('policy', tagPolicy),
    filterTags: spec.nested('filterTags', (f) =>
      object({ pattern: f.string('pattern'), extract: f.string('extract') }),
    ),
    digestReflectionPolicy: spec.enum('digestReflectionPolicy', 'DigestReflectionPolicy', DigestReflectionPolicy),
    interval: spec.string('interval'),
    suspend: spec.boolean('suspend'),
  };
  return typedObject('ImagePolicy', props, [...problems, ...spec.remaining()]);
};

/** The importers of the image automation kinds, by kind. */
export const IMAGE_IMPORTERS: Readonly<Record<string, Importer>> = {
  ImageRepository: imageRepository,
  ImagePolicy: imagePolicy,
};
