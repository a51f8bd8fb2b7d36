import { Construct } from 'constructs';
import * as notification from '../../imports/notification.toolkit.fluxcd.io';
import { FluxDuration } from '../duration';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { ObjectSelector } from './object-selector';
import { SecretSource, secretRefOf } from './secret-source';

/** A Receiver, made here or declared external. */
export type IReceiver = IReferenceable<'Receiver'>;

/** Who sends the webhook (`spec.type`): how the request is authenticated and its payload read. */
export enum ReceiverType {
  /** Any sender; the token is in the URL only. */
  GENERIC = 'generic',
  /** Any sender that signs the body with HMAC (`X-Signature`). */
  GENERIC_HMAC = 'generic-hmac',
  /** Any sender with an OIDC token, checked against `oidcProviders`; no Secret. */
  GENERIC_OIDC = 'generic-oidc',
  GITHUB = 'github',
  GITLAB = 'gitlab',
  BITBUCKET = 'bitbucket',
  HARBOR = 'harbor',
  DOCKERHUB = 'dockerhub',
  QUAY = 'quay',
  /** Google Container Registry / Artifact Registry through Pub/Sub push; the Secret also holds `email` and `audience`. */
  GCR = 'gcr',
  NEXUS = 'nexus',
  ACR = 'acr',
  CDEVENTS = 'cdevents',
}

/** A resource a Receiver notifies, with a CEL filter of its own. */
export interface FilteredResource {
  /** The objects notified. */
  readonly selector: ObjectSelector;
  /** A CEL expression over `res` and `req` (and `claims` for generic-oidc) that must return true. */
  readonly filter: string;
}

/** Props of a {@link Receiver}. */
export interface ReceiverProps extends FluxResourceProps {
  /** Who sends the webhook. */
  readonly type: ReceiverType;
  /** The objects Flux reconciles when a webhook arrives: selectors, or selectors with a filter. */
  readonly resources: readonly (ObjectSelector | FilteredResource)[];
  /**
   * The Secret with the `token` that authenticates the webhook (`secretRef`); required unless the type is
   * generic-oidc, which must not have one.
   * @default none (generic-oidc only)
   */
  readonly secret?: SecretSource;
  /**
   * The event types handled, e.g. `push` for GitHub or `Push Hook` for GitLab.
   * @default every event
   */
  readonly events?: readonly string[];
  /**
   * A CEL expression evaluated for every resource; false skips it.
   * @default none
   */
  readonly resourceFilter?: string;
  /**
   * The OIDC issuers a generic-oidc Receiver accepts, each with its CEL validations.
   * @default none (required for generic-oidc)
   */
  readonly oidcProviders?: readonly notification.ReceiverSpecOidcProviders[];
  /**
   * How often the Receiver is reconciled with its Secret.
   * @default Flux's default, "10m"
   */
  readonly interval?: FluxDuration;
  /**
   * Stop handling webhooks.
   * @default false
   */
  readonly suspend?: boolean;
}

function isFiltered(r: ObjectSelector | FilteredResource): r is FilteredResource {
  return !(r instanceof ObjectSelector);
}

/**
 * A Flux notification Receiver: a webhook endpoint that makes Flux reconcile objects at once (a push to Git, a new
 * image), instead of at their next interval. The CRD's CEL rules on `secretRef` and `oidcProviders` are checked.
 *
 * @example
 *   new Receiver(app, 'github', {
 *     type: ReceiverType.GITHUB, events: ['ping', 'push'], secret: webhookToken,
 *     resources: [ObjectSelector.of(podinfoSource)],
 *   });
 * @see https://fluxcd.io/flux/components/notification/receivers/
 */
export class Receiver extends FluxObject<'Receiver', notification.ReceiverSpec> implements IReceiver {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('Receiver', notification.Receiver);

  constructor(scope: Construct, id: string, props: ReceiverProps) {
    const c = new FluxSpecContext(scope, id, Receiver.KIND, props);
    const oidc = props.type === ReceiverType.GENERIC_OIDC;
    const providers = props.oidcProviders ?? [];
    if (oidc && providers.length === 0) {
      c.add(
        c.where('oidcProviders'),
        undefined,
        'generic-oidc receivers must define at least one oidcProvider',
        'list the OIDC issuers to accept',
      );
    }
    if (!oidc && providers.length > 0) {
      c.add(
        c.where('oidcProviders'),
        undefined,
        'oidcProviders can only be set when type is generic-oidc',
        'remove oidcProviders, or use ReceiverType.GENERIC_OIDC',
      );
    }
    if (oidc && props.secret !== undefined) {
      c.add(
        c.where('secret'),
        undefined,
        'secretRef cannot be set when type is generic-oidc',
        'remove secret: the OIDC token authenticates the request',
      );
    }
    if (!oidc && props.secret === undefined) {
      c.add(
        c.where('secret'),
        undefined,
        'secretRef is required when type is not generic-oidc',
        'set secret to the Secret with the webhook "token"',
      );
    }
    providers.forEach((p, i) => {
      if (!/^https?:\/\//.test(p.issuerUrl)) {
        c.add(
          c.where(`oidcProviders[${i}].issuerUrl`),
          p.issuerUrl,
          'is not an http(s):// URL',
          'use the issuer, e.g. "https://token.actions.githubusercontent.com"',
        );
      }
    });
    if (props.resources.length === 0) {
      c.add(c.where('resources'), '[]', 'is empty: the Receiver would notify nothing', 'list at least one resource');
    }
    const resources = props.resources.map((r, i) => {
      const selector = isFiltered(r) ? r.selector : r;
      if (!selector.isSelectable) {
        c.add(
          c.where(`resources[${i}]`),
          `${selector.kind}/${selector.name}`,
          'is not a kind a Receiver can reconcile',
          'select a Flux source, Kustomization, HelmRelease or image object',
        );
      }
      return { ...selector.toJson(c.namespace), ...(isFiltered(r) ? { filter: r.filter } : {}) };
    });
    const secretRef = secretRefOf(props.secret, c.namespace, c.where('secret'), c);
    super(c, {
      type: props.type as string as notification.ReceiverSpecType,
      resources: resources as notification.ReceiverSpecResources[],
      secretRef,
      events: props.events === undefined ? undefined : [...props.events],
      resourceFilter: props.resourceFilter,
      oidcProviders: props.oidcProviders === undefined ? undefined : [...props.oidcProviders],
      interval: c.duration('interval', props.interval),
      suspend: props.suspend,
    });
  }
}
