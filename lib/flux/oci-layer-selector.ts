import { Issue } from '../errors';
import { ICheckedValue } from './checked-value';

/** What the source-controller does with the layer it selected. */
export enum OciLayerOperation {
  /** Unpack the layer (a tarball of manifests) into the artifact (Flux's default). */
  EXTRACT = 'extract',
  /** Keep the layer as it is, compressed: what a HelmRelease `chartRef` needs for a Helm chart. */
  COPY = 'copy',
}

/** The media type of the layer that holds a Helm chart in an OCI artifact pushed by `helm push`. */
export const HELM_CHART_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

// RFC 6838 type "/" subtype, each starting with a letter or digit and made of the "restricted name" characters.
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

/**
 * Which layer of an OCI artifact an OCIRepository keeps (`spec.layerSelector`), and how.
 *
 * @example
 *   new OciRepository(app, 'cert-manager', {
 *     url: 'oci://quay.io/jetstack/charts/cert-manager',
 *     layerSelector: OciLayerSelector.helmChart(),
 *   });
 * @see https://fluxcd.io/flux/components/source/ocirepositories/#layer-selector
 */
export class OciLayerSelector implements ICheckedValue {
  /**
   * The Helm chart layer, copied as it is: the selector Flux documents for OCIRepositories that a HelmRelease uses
   * through `chartRef`.
   */
  public static helmChart(): OciLayerSelector {
    return new OciLayerSelector(HELM_CHART_MEDIA_TYPE, OciLayerOperation.COPY, []);
  }

  /**
   * The first layer of `mediaType`, e.g. `'application/vnd.cncf.flux.content.v1.tar+gzip'`.
   * @param operation what to do with it; Flux's default (`undefined`) extracts it
   */
  public static mediaType(mediaType: string, operation?: OciLayerOperation): OciLayerSelector {
    const problems: Issue[] = MEDIA_TYPE.test(mediaType)
      ? []
      : [
          {
            field: 'mediaType',
            value: mediaType,
            message: 'is not a media type',
            fix: `use "type/subtype" such as "${HELM_CHART_MEDIA_TYPE}", or OciLayerSelector.helmChart()`,
          },
        ];
    return new OciLayerSelector(mediaType, operation, problems);
  }

  private constructor(
    /** The media type of the selected layer. */
    public readonly mediaTypeName: string,
    /** What is done with it; undefined leaves Flux's default, extract. */
    public readonly operation: OciLayerOperation | undefined,
    /**
     * What is wrong with the selector (see {@link ICheckedValue}), reported at synth by the OCIRepository it is given
     * to; empty when it is fine.
     */
    public readonly problems: readonly Issue[],
  ) {}

  /** The `spec.layerSelector` object. */
  public toJson(): { mediaType: string; operation?: OciLayerOperation } {
    return this.operation === undefined
      ? { mediaType: this.mediaTypeName }
      : { mediaType: this.mediaTypeName, operation: this.operation };
  }
}
