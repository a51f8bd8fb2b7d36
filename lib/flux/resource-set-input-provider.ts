import { Construct } from 'constructs';
import * as operator from '../../imports/fluxcd.controlplane.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { LabelRequirement } from './label-requirement';
import { SecretSource, secretRefOf } from './secret-source';

/** A ResourceSetInputProvider, made here or declared external. */
export type IResourceSetInputProvider = IReferenceable<'ResourceSetInputProvider'>;

/** Where a ResourceSetInputProvider reads its input sets from (`spec.type`). */
export enum InputProviderType {
  /** The provider's `defaultValues`, as one input set. */
  STATIC = 'Static',
  GITHUB_BRANCH = 'GitHubBranch',
  GITHUB_TAG = 'GitHubTag',
  GITHUB_PULL_REQUEST = 'GitHubPullRequest',
  GITLAB_BRANCH = 'GitLabBranch',
  GITLAB_TAG = 'GitLabTag',
  GITLAB_MERGE_REQUEST = 'GitLabMergeRequest',
  GITLAB_ENVIRONMENT = 'GitLabEnvironment',
  AZURE_DEVOPS_BRANCH = 'AzureDevOpsBranch',
  AZURE_DEVOPS_TAG = 'AzureDevOpsTag',
  AZURE_DEVOPS_PULL_REQUEST = 'AzureDevOpsPullRequest',
  AWS_CODECOMMIT_BRANCH = 'AWSCodeCommitBranch',
  AWS_CODECOMMIT_TAG = 'AWSCodeCommitTag',
  AWS_CODECOMMIT_PULL_REQUEST = 'AWSCodeCommitPullRequest',
  GITEA_BRANCH = 'GiteaBranch',
  GITEA_TAG = 'GiteaTag',
  GITEA_PULL_REQUEST = 'GiteaPullRequest',
  OCI_ARTIFACT_TAG = 'OCIArtifactTag',
  ACR_ARTIFACT_TAG = 'ACRArtifactTag',
  ECR_ARTIFACT_TAG = 'ECRArtifactTag',
  GAR_ARTIFACT_TAG = 'GARArtifactTag',
  /** An HTTP service answering with input sets. */
  EXTERNAL_SERVICE = 'ExternalService',
  /** ExternalArtifact objects of the cluster, found by `selectors`. */
  EXTERNAL_ARTIFACT = 'ExternalArtifact',
}

/** Which answers of the provider become input sets (`spec.filter`). */
export interface InputProviderFilter {
  /**
   * A regular expression the branch must match.
   * @default every branch
   */
  readonly includeBranch?: string;
  /**
   * A regular expression of branches left out.
   * @default none
   */
  readonly excludeBranch?: string;
  /**
   * A regular expression the tag must match.
   * @default every tag
   */
  readonly includeTag?: string;
  /**
   * A regular expression of tags left out.
   * @default none
   */
  readonly excludeTag?: string;
  /**
   * A regular expression the GitLab environment must match.
   * @default every environment
   */
  readonly includeEnvironment?: string;
  /**
   * A regular expression of GitLab environments left out.
   * @default none
   */
  readonly excludeEnvironment?: string;
  /**
   * Labels a pull or merge request must have.
   * @default any
   */
  readonly labels?: readonly string[];
  /**
   * The most input sets returned.
   * @default 100 (the operator's default)
   */
  readonly limit?: number;
  /**
   * A semver range tags must satisfy; they are then sorted by version.
   * @default every tag, in reverse alphabetical order
   */
  readonly semver?: string;
}

/** When the provider runs (`spec.schedule[]`). */
export interface InputProviderSchedule {
  /** A cron expression with five fields, e.g. `"0 8 * * 1-5"`. */
  readonly cron: string;
  /**
   * The time zone of `cron`, e.g. `"Europe/Berlin"`.
   * @default "UTC"
   */
  readonly timeZone?: string;
  /**
   * How long after each start the provider may still run.
   * @default no window
   */
  readonly window?: FluxDuration;
}

/** Which ExternalArtifacts an `ExternalArtifact` provider reads (`spec.selectors[]`). */
export interface ExternalArtifactSelector {
  /**
   * One ExternalArtifact by name (not with `matchLabels`).
   * @default every ExternalArtifact the labels select
   */
  readonly name?: string;
  /**
   * The labels the ExternalArtifacts must have.
   * @default none
   */
  readonly matchLabels?: Readonly<Record<string, string>>;
  /**
   * More label requirements the ExternalArtifacts must meet, e.g. `LabelRequirement.in('env', ['staging'])` (not
   * with `name`).
   * @default none
   */
  readonly matchExpressions?: readonly LabelRequirement[];
  /**
   * Where to look; `"*"` for every namespace.
   * @default the provider's namespace
   */
  readonly namespace?: string;
}

/** Props of a {@link ResourceSetInputProvider}. */
export interface ResourceSetInputProviderProps extends FluxResourceProps {
  /** Where the input sets come from. */
  readonly type: InputProviderType;
  /**
   * The repository, registry or service address (https, or oci for the artifact tag types); none for `STATIC` and
   * `EXTERNAL_ARTIFACT`.
   * @default none
   */
  readonly url?: string;
  /**
   * Values of every input set, used when the provider's answer lacks them (the only values of `STATIC`).
   * @default none
   */
  readonly defaultValues?: Readonly<Record<string, unknown>>;
  /**
   * Which answers become input sets.
   * @default every answer, up to 100
   */
  readonly filter?: InputProviderFilter;
  /**
   * Answers with any of these labels are not used (`!label`: without it).
   * @default none skipped
   */
  readonly skipLabels?: readonly string[];
  /**
   * When the provider runs.
   * @default at every reconciliation
   */
  readonly schedule?: readonly InputProviderSchedule[];
  /**
   * The ExternalArtifacts read; required by `EXTERNAL_ARTIFACT`, refused by the other types.
   * @default none
   */
  readonly selectors?: readonly ExternalArtifactSelector[];
  /**
   * The Secret with the credentials (same namespace).
   * @default no credentials
   */
  readonly secret?: SecretSource;
  /**
   * The Secret with a CA certificate or a client certificate (same namespace).
   * @default the system's CAs
   */
  readonly certSecret?: SecretSource;
  /**
   * The service account for cloud workload identity.
   * @default the operator's
   */
  readonly serviceAccountName?: string;
  /**
   * Allow plain HTTP (ExternalService and OCI artifact tag types).
   * @default false
   */
  readonly insecure?: boolean;
}

const NO_URL: readonly InputProviderType[] = [InputProviderType.STATIC, InputProviderType.EXTERNAL_ARTIFACT];
const OCI_TYPES: readonly InputProviderType[] = [
  InputProviderType.OCI_ARTIFACT_TAG,
  InputProviderType.ACR_ARTIFACT_TAG,
  InputProviderType.ECR_ARTIFACT_TAG,
  InputProviderType.GAR_ARTIFACT_TAG,
];

/**
 * A Flux Operator ResourceSetInputProvider: input sets for ResourceSets, read from a Git forge (branches, tags, pull
 * requests), an OCI registry's tags, an HTTP service, ExternalArtifacts or its own default values.
 *
 * @example
 *   const prs = new ResourceSetInputProvider(app, 'previews', {
 *     type: InputProviderType.GITHUB_PULL_REQUEST, url: 'https://github.com/org/app',
 *     filter: { labels: ['deploy:preview'] }, secret: externalSecret(app, 'gh', 'github-auth'),
 *   });
 * @see https://fluxoperator.dev/docs/crd/resourcesetinputprovider/
 */
export class ResourceSetInputProvider
  extends FluxObject<'ResourceSetInputProvider', operator.ResourceSetInputProviderSpec>
  implements IResourceSetInputProvider
{
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ResourceSetInputProvider', operator.ResourceSetInputProvider);

  constructor(scope: Construct, id: string, props: ResourceSetInputProviderProps) {
    const c = new FluxSpecContext(scope, id, ResourceSetInputProvider.KIND, props);
    const { type } = props;
    let url = props.url;
    if (NO_URL.includes(type) && url !== undefined) {
      c.add(c.where('url'), url, `is not read by a ${type} provider`, 'leave the url out');
    } else if (!NO_URL.includes(type) && url === undefined) {
      c.add(c.where('url'), undefined, `is required by a ${type} provider`, 'set the address to read from');
    } else if (url !== undefined) {
      url = OCI_TYPES.includes(type)
        ? c.url('url', url, ['oci'], 'oci://ghcr.io/org/app')
        : c.url('url', url, ['https', 'http'], 'https://github.com/org/app');
    }
    const selectors = props.selectors ?? [];
    if (type === InputProviderType.EXTERNAL_ARTIFACT && selectors.length === 0) {
      c.add(
        c.where('selectors'),
        undefined,
        'are required by an ExternalArtifact provider',
        'select the artifacts by name or labels',
      );
    }
    if (type !== InputProviderType.EXTERNAL_ARTIFACT && selectors.length > 0) {
      c.add(
        c.where('selectors'),
        `${selectors.length} selectors`,
        `are not read by a ${type} provider`,
        'leave the selectors out',
      );
    }
    selectors.forEach((s, i) => {
      if (s.name !== undefined && (s.matchLabels !== undefined || s.matchExpressions !== undefined)) {
        c.add(
          c.where(`selectors[${i}]`),
          s.name,
          'sets both name and labels to match',
          'select by name or by labels, not both',
        );
      }
      s.matchExpressions?.forEach((e, j) => c.value(`selectors[${i}].matchExpressions[${j}]`, e));
    });
    checkFilter(c, props.filter);
    (props.schedule ?? []).forEach((s, i) => {
      if (s.cron.trim().split(/\s+/).length !== 5) {
        c.add(
          c.where(`schedule[${i}].cron`),
          s.cron,
          'is not a cron expression of five fields',
          'use a form such as "0 8 * * 1-5"',
        );
      }
    });
    const secretRef = secretRefOf(props.secret, c.namespace, c.where('secret'), c);
    const certSecretRef = secretRefOf(props.certSecret, c.namespace, c.where('certSecret'), c);
    super(c, {
      type: type as string as operator.ResourceSetInputProviderSpecType,
      url,
      defaultValues: props.defaultValues === undefined ? undefined : { ...props.defaultValues },
      filter:
        props.filter === undefined
          ? undefined
          : { ...props.filter, labels: props.filter.labels && [...props.filter.labels] },
      skip: props.skipLabels === undefined ? undefined : { labels: [...props.skipLabels] },
      schedule: props.schedule?.map((s, i) => ({
        cron: s.cron,
        timeZone: s.timeZone,
        window: c.duration(`schedule[${i}].window`, s.window),
      })),
      selectors:
        selectors.length === 0
          ? undefined
          : selectors.map((s) => ({
              ...s,
              matchLabels: s.matchLabels && { ...s.matchLabels },
              matchExpressions: s.matchExpressions?.map((e) => e.toJson()),
            })),
      secretRef,
      certSecretRef,
      serviceAccountName: props.serviceAccountName,
      insecure: props.insecure,
    });
  }
}

type Context = FluxSpecContext<'ResourceSetInputProvider', operator.ResourceSetInputProviderSpec>;

function checkFilter(c: Context, filter: InputProviderFilter | undefined): void {
  if (filter === undefined) return;
  const patterns = [
    'includeBranch',
    'excludeBranch',
    'includeTag',
    'excludeTag',
    'includeEnvironment',
    'excludeEnvironment',
  ] as const;
  for (const key of patterns) {
    const pattern = filter[key];
    if (pattern === undefined) continue;
    try {
      new RegExp(pattern);
    } catch {
      c.add(
        c.where(`filter.${key}`),
        pattern,
        'is not a regular expression',
        'escape the special characters, e.g. "^release/.*"',
      );
    }
  }
  if (filter.limit !== undefined && (!Number.isInteger(filter.limit) || filter.limit < 1)) {
    c.add(c.where('filter.limit'), String(filter.limit), 'is not a positive whole number', 'use a limit such as 10');
  }
}
