import { Construct } from 'constructs';
import * as notification from '../../imports/notification.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { PROVIDER_TYPE_RULES, ProviderType } from './provider-type';
import { SecretSource, secretRefOf } from './secret-source';
import { checkTimeout } from './send-timeout';

/** A Provider, made here or declared external. */
export type IProvider = IReferenceable<'Provider'>;

/** The longest `address`, `channel` and `username` the CRD accepts. */
const MAX_TEXT = 2048;

/** Props of a {@link Provider}. */
export interface ProviderProps extends FluxResourceProps {
  /** The service events are sent to. */
  readonly type: ProviderType;
  /**
   * Where events go: a webhook or API URL, the repository URL for Git hosting types, the project ID for
   * `googlepubsub`, the server for `nats`. Required by most types unless the Secret holds an `address` key.
   * @default none: taken from the Secret's `address` key, or the type's own endpoint (`telegram`)
   */
  readonly address?: string;
  /**
   * The channel, room, chat, topic or subject events are posted to.
   * @default none (the webhook's own channel)
   */
  readonly channel?: string;
  /**
   * The name events are posted under.
   * @default the service's default
   */
  readonly username?: string;
  /**
   * The Secret with the credentials (`token`, `username`/`password`, an `address`, `headers`...) (`secretRef`).
   * @default no Secret
   */
  readonly secret?: SecretSource;
  /**
   * The Secret with TLS certificates: `ca.crt`, and `tls.crt`/`tls.key` for mutual TLS (`certSecretRef`).
   * @default the system's certificate authorities, no client certificate
   */
  readonly certSecret?: SecretSource;
  /**
   * The Secret with the proxy's `address` and optional `username`/`password` (`proxySecretRef`).
   * @default no proxy
   */
  readonly proxySecret?: SecretSource;
  /**
   * The proxy's `http(s)://` address, in clear text.
   * @deprecated use `proxySecret`
   * @default no proxy
   */
  readonly proxy?: string;
  /**
   * A CEL expression that makes the commit status text, for the commit-status types (github, gitlab, gitea,
   * bitbucketserver, bitbucket, azuredevops); it can read `event`, `provider` and `alert`.
   * @default Flux's own text
   */
  readonly commitStatusExpr?: string;
  /**
   * A ServiceAccount (same namespace) whose workload identity authenticates to the cloud service (azureeventhub,
   * azuredevops, googlepubsub); needs the ObjectLevelWorkloadIdentity feature gate.
   * @default the controller's own identity
   */
  readonly serviceAccountName?: string;
  /**
   * Timeout for sending an event; hours are not accepted.
   * @default Flux's default, "15s"
   */
  readonly timeout?: FluxDuration;
  /**
   * Reconcile interval with the Secret references.
   * @deprecated not used by notification.toolkit.fluxcd.io/v1beta3
   * @default not written
   */
  readonly interval?: FluxDuration;
  /**
   * Stop sending events.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux notification Provider: where Alerts send events (a chat, a webhook, commit statuses on a Git host...).
 *
 * The type's needs are checked when it is made, all at once: an address (or a Secret that holds one), a Secret for the
 * token, a channel; and the CRD's CEL rule that `commitStatusExpr` is for commit-status types only.
 *
 * @example
 *   new Provider(app, 'slack', { type: ProviderType.SLACK, channel: 'general', secret: slackWebhook });
 * @see https://fluxcd.io/flux/components/notification/providers/
 */
export class Provider extends FluxObject<'Provider', notification.ProviderSpec> implements IProvider {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('Provider', notification.Provider);

  /** The provider type as written. */
  public readonly type: ProviderType;

  constructor(scope: Construct, id: string, props: ProviderProps) {
    const c = new FluxSpecContext(scope, id, Provider.KIND, props);
    const spec: notification.ProviderSpec = {
      type: props.type as string as notification.ProviderSpecType,
      address: props.address,
      channel: props.channel,
      username: props.username,
      secretRef: secretRefOf(props.secret, c.namespace, c.where('secret'), c),
      certSecretRef: secretRefOf(props.certSecret, c.namespace, c.where('certSecret'), c),
      proxySecretRef: secretRefOf(props.proxySecret, c.namespace, c.where('proxySecret'), c),
      proxy: props.proxy,
      commitStatusExpr: props.commitStatusExpr,
      serviceAccountName: props.serviceAccountName,
      timeout: c.duration('timeout', props.timeout),
      interval: c.duration('interval', props.interval),
      suspend: props.suspend,
    };
    checkProvider(props, spec, c);
    super(c, spec);
    this.type = props.type;
  }
}

/** The type's rules, the CRD's CEL rule and its patterns and lengths, all recorded in `c`. */
function checkProvider(
  props: ProviderProps,
  spec: notification.ProviderSpec,
  c: FluxSpecContext<'Provider', notification.ProviderSpec>,
): void {
  const type = props.type;
  const rule = PROVIDER_TYPE_RULES[type];
  if (rule === undefined) {
    c.add(c.where('type'), String(type), 'is not a provider type', 'use a ProviderType value');
    return;
  }
  if (rule.needsAddress && props.address === undefined && props.secret === undefined) {
    c.add(
      c.where('address'),
      undefined,
      `is required for type "${type}"`,
      'set address, or a secret with an "address" key',
    );
  }
  if (rule.addressIsHttpUrl && props.address !== undefined && !/^https?:\/\/\S+$/i.test(props.address)) {
    c.add(
      c.where('address'),
      props.address,
      `is not an http(s):// URL, as type "${type}" needs`,
      'use a URL such as "https://hooks.example.com/flux"',
    );
  }
  const identity = rule.workloadIdentity && props.serviceAccountName !== undefined;
  if (rule.needsSecret && props.secret === undefined && !identity) {
    c.add(
      c.where('secret'),
      undefined,
      `is required for type "${type}" (its token or key)`,
      'set secret to the Secret with the "token" key',
    );
  }
  if (rule.needsChannel && props.channel === undefined) {
    c.add(
      c.where('channel'),
      undefined,
      `is required for type "${type}"`,
      'set channel to the room, chat, topic or subject',
    );
  }
  if (!rule.commitStatus && props.commitStatusExpr !== undefined) {
    c.add(
      c.where('commitStatusExpr'),
      props.commitStatusExpr,
      "is only supported for the 'github', 'gitlab', 'gitea', 'bitbucketserver', 'bitbucket', 'azuredevops' provider types",
      'remove commitStatusExpr, or use a commit-status provider type',
    );
  }
  if (!rule.workloadIdentity && props.serviceAccountName !== undefined) {
    c.add(
      c.where('serviceAccountName'),
      props.serviceAccountName,
      `is not supported for type "${type}"`,
      'use it with azureeventhub, azuredevops or googlepubsub only',
    );
  }
  for (const field of ['address', 'channel', 'username', 'proxy'] as const) {
    const value = props[field];
    if (value !== undefined && value.length > MAX_TEXT) {
      c.add(c.where(field), value, `is longer than ${MAX_TEXT} characters`, 'shorten it');
    }
  }
  if (props.proxy !== undefined && !/^(http|https):\/\/.*$/.test(props.proxy)) {
    c.add(
      c.where('proxy'),
      props.proxy,
      'is not an http(s):// URL',
      'use proxySecret, or a URL such as "http://proxy:3128"',
    );
  }
  checkTimeout(spec.timeout, c.where('timeout'), c);
}
