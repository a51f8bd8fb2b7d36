import { Construct } from 'constructs';
import * as extensions from '../../imports/source.extensions.fluxcd.io';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { fail } from '../errors';
import { didYouMean } from '../sops/base/did-you-mean';
import { dns1123SubdomainProblem } from '../validate/schema-validator/names';
import { CommonMetadata, renderCommonMetadata } from './common-metadata';
import { ConstructIssues } from './construct-issues';
import { IExternalArtifact } from './external-artifact';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable, ObjectRef } from './object-ref';

/** An ArtifactGenerator, made here or declared external. */
export type IArtifactGenerator = IReferenceable<'ArtifactGenerator'>;

/** Kinds an ArtifactGenerator takes files from. */
export type ArtifactGeneratorSourceKind =
  'Bucket' | 'GitRepository' | 'OCIRepository' | 'HelmChart' | 'ExternalArtifact';

/** How a copy operation writes into the artifact. */
export enum CopyStrategy {
  /** Later copies replace files of earlier ones. */
  OVERWRITE = 'Overwrite',
  /** YAML files are merged as Helm merges values. */
  MERGE = 'Merge',
  /** Tarballs (`.tar.gz`, `.tgz`) are extracted; other files matched by a glob are skipped. */
  EXTRACT = 'Extract',
}

/** One copy from a source into the artifact. */
export interface ArtifactCopy {
  /** The source alias and glob of the files, `"@<alias>/<glob>"`, e.g. `"@monorepo/apps/base/**"`. */
  readonly from: string;
  /** Where in the artifact, `"@artifact/<path>"`, e.g. `"@artifact/base/"`. */
  readonly to: string;
  /**
   * Globs of files matched by `from` to leave out, relative to the alias root or to the non-glob prefix of `from`;
   * at most 100.
   * @default none
   */
  readonly exclude?: readonly string[];
  /**
   * How the files are written.
   * @default CopyStrategy.OVERWRITE
   */
  readonly strategy?: CopyStrategy;
}

/** One ExternalArtifact an ArtifactGenerator makes. */
export interface GeneratedArtifact {
  /**
   * The ExternalArtifact's name: a DNS-1123 subdomain, or with `pathPattern` a template with its captures, e.g.
   * `"{app}"`.
   */
  readonly name: string;
  /** The copies that make the artifact, in order; at least one. */
  readonly copy: readonly ArtifactCopy[];
  /**
   * The alias, `"@<alias>"`, whose revision becomes the artifact's revision.
   * @default the digest of the artifact's content
   */
  readonly revision?: string;
  /**
   * The alias, `"@<alias>"`, whose origin revision (a Git commit) is written to the artifact's
   * `org.opencontainers.image.revision` annotation.
   * @default no origin revision
   */
  readonly originRevision?: string;
}

/** Props of an {@link ArtifactGenerator}. */
export interface ArtifactGeneratorProps extends FluxResourceProps {
  /**
   * The sources files are taken from, by alias (lower case letters, digits, `-` and `_`), e.g.
   * `{ monorepo: fluxSystem }`; at least one.
   */
  readonly sources: Readonly<Record<string, IReferenceable<ArtifactGeneratorSourceKind>>>;
  /** The ExternalArtifacts to make; at least one. */
  readonly artifacts: readonly GeneratedArtifact[];
  /**
   * A folder pattern, `"@<alias>/<pattern>"`, whose captures (`{app}`) make one set of artifacts per matching folder,
   * e.g. `"@monorepo/apps/{app}"`.
   * @default one set of artifacts
   */
  readonly pathPattern?: string;
  /**
   * Labels and annotations of the generated ExternalArtifacts.
   * @default none
   */
  readonly commonMetadata?: CommonMetadata;
}

const ALIAS = '[a-z0-9]([a-z0-9_-]*[a-z0-9])?';
const ALIAS_PATTERN = new RegExp(`^${ALIAS}$`);
const ALIAS_PATH = new RegExp(`^@(${ALIAS})/(.*)$`);
const ALIAS_ONLY = new RegExp(`^@(${ALIAS})$`);
const ARTIFACT_PATH = /^@(artifact)\/(.*)$/;
const MAX_ITEMS = 1000;
const MAX_EXCLUDE = 100;
const MAX_PATH = 1024;
const MAX_ALIAS = 63;
const MAX_REVISION = 64;
const MAX_NAME = 253;

/**
 * A Flux ArtifactGenerator (source-watcher): makes ExternalArtifacts out of files of other sources, e.g. one artifact
 * per folder of a monorepo, so that each Kustomization reconciles only when its own files change.
 *
 * The CRD's patterns, lengths and counts are checked when it is made, all at once, and so is what source-watcher
 * checks later: every `@<alias>` names a source, aliases and artifact names are unique.
 *
 * @example
 *   const split = new ArtifactGenerator(app, 'flux-system', {
 *     sources: { monorepo: repo.syncSource },
 *     artifacts: [{ name: 'apps', originRevision: '@monorepo', copy: [{ from: '@monorepo/apps/**', to: '@artifact/' }] }],
 *   });
 *   new Kustomization(app, 'apps', { source: split.artifact('apps'), path: './' });
 * @see https://fluxcd.io/flux/components/source/artifactgenerators/
 */
export class ArtifactGenerator
  extends FluxObject<'ArtifactGenerator', extensions.ArtifactGeneratorSpec>
  implements IArtifactGenerator
{
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ArtifactGenerator', extensions.ArtifactGenerator);

  /** The sources by alias. */
  public readonly sources: Readonly<Record<string, IReferenceable<ArtifactGeneratorSourceKind>>>;
  /** The artifacts it makes. */
  public readonly artifacts: readonly GeneratedArtifact[];
  /** The folder pattern, when set. */
  public readonly pathPattern?: string;

  constructor(scope: Construct, id: string, props: ArtifactGeneratorProps) {
    const c = new FluxSpecContext(scope, id, ArtifactGenerator.KIND, props);
    const issues: ConstructIssues = c;
    checkGenerator(props, c, issues);
    super(c, {
      sources: Object.entries(props.sources).map(([alias, s]) => ({
        alias,
        kind: s.ref.kind as extensions.ArtifactGeneratorSpecSourcesKind,
        name: s.ref.name,
        namespace: s.ref.namespace === c.namespace ? undefined : s.ref.namespace,
      })),
      artifacts: props.artifacts.map((a) => ({
        name: a.name,
        revision: a.revision,
        originRevision: a.originRevision,
        copy: a.copy.map((op) => ({
          from: op.from,
          to: op.to,
          exclude: op.exclude === undefined ? undefined : [...op.exclude],
          strategy: op.strategy as string | undefined as extensions.ArtifactGeneratorSpecArtifactsCopyStrategy,
        })),
      })),
      pathPattern: props.pathPattern,
      commonMetadata: renderCommonMetadata(props.commonMetadata),
    });
    this.sources = { ...props.sources };
    this.artifacts = [...props.artifacts];
    this.pathPattern = props.pathPattern;
  }

  /**
   * The ExternalArtifact `name` this generator makes, for a Kustomization's `source` or `HelmChartSource.fromRef`.
   * With a `pathPattern`, `name` is one the templates produce (`"podinfo"` for `"{app}"`).
   *
   * @throws FluxValidationError when no artifact of the generator has that name
   */
  public artifact(name: string): IExternalArtifact {
    const templates = this.artifacts.map((a) => a.name);
    const matches = (template: string) =>
      this.pathPattern === undefined
        ? template === name
        : new RegExp(
            `^${template
              .split(/\{[^}]*\}/)
              .map(escapeRegExp)
              .join('[^/]+')}$`,
          ).test(name);
    if (!templates.some(matches)) {
      const near = didYouMean(name, templates);
      fail({
        constructPath: this.node.path,
        field: 'artifacts',
        value: name,
        message: 'names no artifact this generator makes',
        fix: near === undefined ? `use one of ${templates.join(', ')}` : `did you mean "${near}"?`,
      });
    }
    const ref: ObjectRef<'ExternalArtifact'> = {
      apiVersion: source.ExternalArtifact.GVK.apiVersion,
      kind: 'ExternalArtifact',
      name,
      namespace: this.ref.namespace,
    };
    return { ref };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The CRD's rules, and the aliases every `@<alias>` must name, recorded in `issues`. */
function checkGenerator(
  props: ArtifactGeneratorProps,
  c: FluxSpecContext<'ArtifactGenerator', extensions.ArtifactGeneratorSpec>,
  issues: ConstructIssues,
): void {
  const aliases = Object.keys(props.sources);
  const count = (field: string, n: number, what: string) => {
    if (n === 0) issues.add(c.where(field), undefined, `has no ${what}`, `give at least one ${what}`);
    if (n > MAX_ITEMS) issues.add(c.where(field), String(n), `has more than ${MAX_ITEMS} ${what}s`, 'split it');
  };
  count('sources', aliases.length, 'source');
  count('artifacts', props.artifacts.length, 'artifact');
  for (const alias of aliases) {
    if (alias.length > MAX_ALIAS || !ALIAS_PATTERN.test(alias)) {
      issues.add(
        c.where('sources'),
        alias,
        `is not a source alias (at most ${MAX_ALIAS} lower case letters, digits, "-" and "_", starting and ending with a letter or digit)`,
        'rename it, e.g. "monorepo"',
      );
    }
  }
  /** Checks that `value` has the form `pattern`, names a declared alias and is at most `max` long. */
  const aliasRef = (field: string, value: string, pattern: RegExp, form: string, max: number) => {
    if (value.length > max) issues.add(c.where(field), value, `is longer than ${max} characters`, 'shorten it');
    const alias = pattern.exec(value)?.[1];
    if (alias === undefined) {
      issues.add(c.where(field), value, `is not of the form "${form}"`, `write it as "${form}"`);
    } else if (!aliases.includes(alias)) {
      const near = didYouMean(alias, aliases);
      issues.add(
        c.where(field),
        value,
        `names the alias "${alias}", which is not one of sources`,
        near === undefined ? `use one of ${aliases.map((a) => `@${a}`).join(', ')}` : `did you mean "@${near}"?`,
      );
    }
  };
  if (props.pathPattern !== undefined) {
    aliasRef('pathPattern', props.pathPattern, ALIAS_PATH, '@<alias>/<pattern>', MAX_PATH);
  }
  const names = new Set<string>();
  props.artifacts.forEach((artifact, i) => {
    const at = (field: string) => `artifacts[${i}].${field}`;
    const nameProblem =
      artifact.name.length > MAX_NAME || artifact.name === ''
        ? { message: `is not 1 to ${MAX_NAME} characters long`, fix: 'shorten it' }
        : props.pathPattern === undefined
          ? dns1123SubdomainProblem(artifact.name)
          : undefined;
    if (nameProblem !== undefined) {
      issues.add(
        c.where(at('name')),
        artifact.name,
        `${nameProblem.message}; artifact names must be valid Kubernetes object names when pathPattern is not set`,
        nameProblem.fix,
      );
    }
    if (names.has(artifact.name)) {
      issues.add(
        c.where(at('name')),
        artifact.name,
        'is the name of an earlier artifact too; each artifact is an ExternalArtifact of its own',
        'give every artifact its own name',
      );
    }
    names.add(artifact.name);
    if (artifact.revision !== undefined) {
      aliasRef(at('revision'), artifact.revision, ALIAS_ONLY, '@<alias>', MAX_REVISION);
    }
    if (artifact.originRevision !== undefined) {
      aliasRef(at('originRevision'), artifact.originRevision, ALIAS_ONLY, '@<alias>', MAX_REVISION);
    }
    if (artifact.copy.length === 0) {
      issues.add(c.where(at('copy')), undefined, 'has no copy operation', 'give at least one copy');
    }
    artifact.copy.forEach((op, j) => {
      const opAt = (field: string) => at(`copy[${j}].${field}`);
      aliasRef(opAt('from'), op.from, ALIAS_PATH, '@<alias>/<glob>', MAX_PATH);
      if (op.to.length > MAX_PATH) {
        issues.add(c.where(opAt('to')), op.to, `is longer than ${MAX_PATH} characters`, 'shorten it');
      }
      if (!ARTIFACT_PATH.test(op.to)) {
        issues.add(
          c.where(opAt('to')),
          op.to,
          'is not of the form "@artifact/<path>"',
          'write it as "@artifact/<path>"',
        );
      }
      if (op.exclude !== undefined && op.exclude.length > MAX_EXCLUDE) {
        issues.add(
          c.where(opAt('exclude')),
          String(op.exclude.length),
          `has more than ${MAX_EXCLUDE} patterns`,
          'merge patterns',
        );
      }
    });
  });
}
