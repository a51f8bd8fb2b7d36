import { Construct } from 'constructs';
import * as notification from '../../imports/notification.toolkit.fluxcd.io';
import { requireSameNamespace } from './construct-issues';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable } from './object-ref';
import { ObjectSelector } from './object-selector';
import { IProvider } from './provider';

/** An Alert, made here or declared external. */
export type IAlert = IReferenceable<'Alert'>;

/** Which events an Alert forwards (`spec.eventSeverity`). */
export enum EventSeverity {
  /** Every event: info and error. */
  INFO = 'info',
  /** Error events only. */
  ERROR = 'error',
}

/** The longest `summary` the CRD accepts. */
const MAX_SUMMARY = 255;

/** Props of an {@link Alert}. */
export interface AlertProps extends FluxResourceProps {
  /** The Provider events are sent to; it must be in the Alert's namespace (`providerRef` has no namespace). */
  readonly provider: IProvider;
  /** The objects whose events are forwarded: `ObjectSelector.of(release)`, `ObjectSelector.all(kind, ...)`. */
  readonly eventSources: readonly ObjectSelector[];
  /**
   * The lowest severity forwarded.
   * @default EventSeverity.INFO (Flux's default, not written)
   */
  readonly eventSeverity?: EventSeverity;
  /**
   * Go regular expressions: events whose message matches one are dropped.
   * @default none
   */
  readonly exclusionList?: readonly string[];
  /**
   * Go regular expressions: when set, only events whose message matches one are forwarded.
   * @default every message
   */
  readonly inclusionList?: readonly string[];
  /**
   * Extra metadata added to every event (keys already in an event are kept as the event has them).
   * @default none
   */
  readonly eventMetadata?: Readonly<Record<string, string>>;
  /**
   * A short description of the impact and the cluster, at most 255 characters.
   * @deprecated use `eventMetadata`
   * @default none
   */
  readonly summary?: string;
  /**
   * Stop forwarding events.
   * @default false
   */
  readonly suspend?: boolean;
}

/**
 * A Flux notification Alert: which events of which Flux objects go to a Provider.
 *
 * @example
 *   new Alert(app, 'on-call', {
 *     provider: slack,
 *     eventSeverity: EventSeverity.ERROR,
 *     eventSources: [ObjectSelector.all(SelectableKind.KUSTOMIZATION), ObjectSelector.of(podinfo)],
 *   });
 * @see https://fluxcd.io/flux/components/notification/alerts/
 */
export class Alert extends FluxObject<'Alert', notification.AlertSpec> implements IAlert {
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('Alert', notification.Alert);

  constructor(scope: Construct, id: string, props: AlertProps) {
    const c = new FluxSpecContext(scope, id, Alert.KIND, props);
    const provider = props.provider.ref;
    requireSameNamespace(c, c.where('provider'), provider, c.namespace);
    if (props.eventSources.length === 0) {
      c.add(c.where('eventSources'), '[]', 'is empty: the Alert would forward nothing', 'list at least one source');
    }
    props.eventSources.forEach((s, i) => {
      if (!s.isSelectable) {
        c.add(
          c.where(`eventSources[${i}]`),
          `${s.kind}/${s.name}`,
          'is not a kind that emits Flux events',
          'select a Flux source, Kustomization, HelmRelease or image object',
        );
      }
    });
    if (props.summary !== undefined && props.summary.length > MAX_SUMMARY) {
      c.add(
        c.where('summary'),
        props.summary,
        `is longer than ${MAX_SUMMARY} characters`,
        'shorten it, or use eventMetadata',
      );
    }
    super(c, {
      providerRef: { name: provider.name },
      eventSources: props.eventSources.map((s) => s.toJson(c.namespace)) as notification.AlertSpecEventSources[],
      eventSeverity: props.eventSeverity as string | undefined as notification.AlertSpecEventSeverity | undefined,
      exclusionList: props.exclusionList === undefined ? undefined : [...props.exclusionList],
      inclusionList: props.inclusionList === undefined ? undefined : [...props.inclusionList],
      eventMetadata: props.eventMetadata === undefined ? undefined : { ...props.eventMetadata },
      summary: props.summary,
      suspend: props.suspend,
    });
  }
}
