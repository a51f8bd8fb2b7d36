import { Construct } from 'constructs';
import * as source from '../../imports/source.toolkit.fluxcd.io';
import { FluxObject, FluxSpecContext, fluxKind } from './flux-object';
import { FluxResourceProps } from './flux-resource-props';
import { IReferenceable, crossRef } from './object-ref';

/** An ExternalArtifact, made here, made by an ArtifactGenerator (`ArtifactGenerator.artifact()`) or declared external. */
export type IExternalArtifact = IReferenceable<'ExternalArtifact'>;

/** Props of an {@link ExternalArtifact}. */
export interface ExternalArtifactProps extends FluxResourceProps {
  /**
   * The object whose controller produces the artifact and keeps its status (`sourceRef`), e.g. a custom source of a
   * controller outside Flux.
   * @default none: a controller fills the status without a declared producer
   */
  readonly source?: IReferenceable;
}

/**
 * A Flux ExternalArtifact: an artifact produced by a controller other than source-controller, which Kustomizations
 * and HelmReleases consume like any source.
 *
 * ArtifactGenerators make their ExternalArtifacts themselves: refer to those with `ArtifactGenerator.artifact(name)`
 * rather than writing one here.
 *
 * @see https://fluxcd.io/flux/components/source/externalartifacts/
 */
export class ExternalArtifact
  extends FluxObject<'ExternalArtifact', source.ExternalArtifactSpec>
  implements IExternalArtifact
{
  /** The kind this construct writes. */
  public static readonly KIND = fluxKind('ExternalArtifact', source.ExternalArtifact);

  constructor(scope: Construct, id: string, props: ExternalArtifactProps = {}) {
    const c = new FluxSpecContext(scope, id, ExternalArtifact.KIND, props);
    const producer = props.source?.ref;
    super(c, {
      sourceRef:
        producer === undefined ? undefined : { apiVersion: producer.apiVersion, ...crossRef(producer, c.namespace) },
    });
  }
}
