/**
 * Which service a Provider sends events to (`spec.type`), every type of the served CRD.
 *
 * @see https://fluxcd.io/flux/components/notification/providers/#type
 */
export enum ProviderType {
  SLACK = 'slack',
  DISCORD = 'discord',
  MSTEAMS = 'msteams',
  ROCKET = 'rocket',
  /** An HTTP POST of the event as JSON to `address`. */
  GENERIC = 'generic',
  /** As `generic`, signed with the HMAC key in the Secret's `token`. */
  GENERIC_HMAC = 'generic-hmac',
  /** Commit statuses on a GitHub repository. */
  GITHUB = 'github',
  /** Commit statuses on a GitLab project. */
  GITLAB = 'gitlab',
  /** Commit statuses on a Gitea repository. */
  GITEA = 'gitea',
  GITEA_PULL_REQUEST_COMMENT = 'giteapullrequestcomment',
  /** Commit statuses on a Bitbucket Server / Data Center repository. */
  BITBUCKET_SERVER = 'bitbucketserver',
  /** Commit statuses on a Bitbucket Cloud repository. */
  BITBUCKET = 'bitbucket',
  /** Commit statuses on an Azure DevOps repository. */
  AZURE_DEVOPS = 'azuredevops',
  GOOGLE_CHAT = 'googlechat',
  /** A Google Cloud Pub/Sub topic: `address` is the project ID, `channel` the topic. */
  GOOGLE_PUBSUB = 'googlepubsub',
  WEBEX = 'webex',
  SENTRY = 'sentry',
  AZURE_EVENT_HUB = 'azureeventhub',
  TELEGRAM = 'telegram',
  LARK = 'lark',
  MATRIX = 'matrix',
  OPSGENIE = 'opsgenie',
  ALERTMANAGER = 'alertmanager',
  GRAFANA = 'grafana',
  /** A `repository_dispatch` event on a GitHub repository. */
  GITHUB_DISPATCH = 'githubdispatch',
  GITHUB_PULL_REQUEST_COMMENT = 'githubpullrequestcomment',
  GITLAB_MERGE_REQUEST_COMMENT = 'gitlabmergerequestcomment',
  PAGERDUTY = 'pagerduty',
  DATADOG = 'datadog',
  /** A NATS subject: `address` is the server, `channel` the subject. */
  NATS = 'nats',
  ZULIP = 'zulip',
  /** OpenTelemetry traces to an OTLP endpoint. */
  OTEL = 'otel',
}

/** What a provider type needs besides its type. */
export interface ProviderTypeRule {
  /** `address` (or an `address` key in the Secret) is required. */
  readonly needsAddress: boolean;
  /** `address`, when given in the spec, is an `http(s)://` URL (not a project ID or a NATS server). */
  readonly addressIsHttpUrl: boolean;
  /** `secretRef` is required: the token, API key or HMAC key lives there. */
  readonly needsSecret: boolean;
  /** `channel` is required (a topic, room, chat or subject). */
  readonly needsChannel: boolean;
  /** `commitStatusExpr` is accepted (the CRD's CEL rule). */
  readonly commitStatus: boolean;
  /** `serviceAccountName` (workload identity) is accepted, and may stand for `secretRef`. */
  readonly workloadIdentity: boolean;
}

function rule(flags: Partial<ProviderTypeRule>): ProviderTypeRule {
  return {
    needsAddress: true,
    addressIsHttpUrl: true,
    needsSecret: false,
    needsChannel: false,
    commitStatus: false,
    workloadIdentity: false,
    ...flags,
  };
}

/** A Git hosting commit-status type: the repository URL as address, a token, and `commitStatusExpr` allowed. */
const commitStatus = (flags: Partial<ProviderTypeRule> = {}) =>
  rule({ needsSecret: true, commitStatus: true, ...flags });

/**
 * The address, secret and channel rules of every provider type, as notification-controller applies them when it
 * builds the notifier; `commitStatus` mirrors the CRD's CEL rule, `workloadIdentity` the types its doc comment names.
 */
export const PROVIDER_TYPE_RULES: Readonly<Record<ProviderType, ProviderTypeRule>> = {
  [ProviderType.SLACK]: rule({}),
  [ProviderType.DISCORD]: rule({}),
  [ProviderType.MSTEAMS]: rule({}),
  [ProviderType.ROCKET]: rule({}),
  [ProviderType.GENERIC]: rule({}),
  [ProviderType.GENERIC_HMAC]: rule({ needsSecret: true }),
  [ProviderType.GITHUB]: commitStatus(),
  [ProviderType.GITLAB]: commitStatus(),
  [ProviderType.GITEA]: commitStatus(),
  [ProviderType.BITBUCKET_SERVER]: commitStatus(),
  [ProviderType.BITBUCKET]: commitStatus(),
  [ProviderType.AZURE_DEVOPS]: commitStatus({ workloadIdentity: true }),
  [ProviderType.GITEA_PULL_REQUEST_COMMENT]: rule({ needsSecret: true }),
  [ProviderType.GITHUB_PULL_REQUEST_COMMENT]: rule({ needsSecret: true }),
  [ProviderType.GITLAB_MERGE_REQUEST_COMMENT]: rule({ needsSecret: true }),
  [ProviderType.GITHUB_DISPATCH]: rule({ needsSecret: true }),
  [ProviderType.GOOGLE_CHAT]: rule({}),
  [ProviderType.GOOGLE_PUBSUB]: rule({ addressIsHttpUrl: false, needsChannel: true, workloadIdentity: true }),
  [ProviderType.WEBEX]: rule({ needsSecret: true, needsChannel: true }),
  [ProviderType.SENTRY]: rule({}),
  [ProviderType.AZURE_EVENT_HUB]: rule({ addressIsHttpUrl: false, workloadIdentity: true }),
  [ProviderType.TELEGRAM]: rule({ needsAddress: false, needsSecret: true, needsChannel: true }),
  [ProviderType.LARK]: rule({}),
  [ProviderType.MATRIX]: rule({ needsSecret: true, needsChannel: true }),
  [ProviderType.OPSGENIE]: rule({ needsSecret: true }),
  [ProviderType.ALERTMANAGER]: rule({}),
  [ProviderType.GRAFANA]: rule({}),
  [ProviderType.PAGERDUTY]: rule({}),
  [ProviderType.DATADOG]: rule({ needsSecret: true }),
  [ProviderType.NATS]: rule({ addressIsHttpUrl: false, needsChannel: true }),
  [ProviderType.ZULIP]: rule({ needsSecret: true, needsChannel: true }),
  [ProviderType.OTEL]: rule({}),
};
