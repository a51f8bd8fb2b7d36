import { OciRepository } from '../../lib';
import { HELM_CHART_MEDIA_TYPE, OciLayerOperation, OciLayerSelector } from '../../lib/flux/oci-layer-selector';
import { service, specOf, synthIssueOf } from './fixture';

const URL = 'oci://quay.io/jetstack/charts/cert-manager';

describe('OciLayerSelector', () => {
  test('helmChart() copies the Helm chart layer, as a HelmRelease chartRef needs it', () => {
    expect(OciLayerSelector.helmChart().toJson()).toStrictEqual({
      mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
      operation: 'copy',
    });
    expect(HELM_CHART_MEDIA_TYPE).toBe('application/vnd.cncf.helm.chart.content.v1.tar+gzip');
  });

  test.each<[OciLayerOperation | undefined, Record<string, string>]>([
    [undefined, { mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip' }],
    [OciLayerOperation.EXTRACT, { mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip', operation: 'extract' }],
    [OciLayerOperation.COPY, { mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip', operation: 'copy' }],
  ])('mediaType() with operation %s writes %j', (operation, expected) => {
    expect(OciLayerSelector.mediaType('application/vnd.cncf.flux.content.v1.tar+gzip', operation).toJson()).toEqual(
      expected,
    );
  });

  test.each([[''], ['helm-chart'], ['application/'], ['/tar'], ['application/vnd a']])(
    'refuses %j, which is not a media type, showing a valid one, when the OCIRepository is synthesized',
    (bad) => {
      const { a } = service('x');
      const selector = OciLayerSelector.mediaType(bad);
      expect(synthIssueOf(() => new OciRepository(a, 'cert-manager', { url: URL, layerSelector: selector }))).toEqual({
        constructPath: 'r/services/x/OCIRepository/cert-manager',
        field: 'layerSelector.mediaType',
        value: bad,
        message: 'is not a media type',
        fix: 'use "type/subtype" such as "application/vnd.cncf.helm.chart.content.v1.tar+gzip", or OciLayerSelector.helmChart()',
        source: expect.stringMatching(/oci-layer-selector\.test\.ts:\d+:\d+$/),
      });
    },
  );

  test('an OCIRepository writes it to spec.layerSelector', () => {
    const { a } = service('x');
    const repo = new OciRepository(a, 'cert-manager', { url: URL, layerSelector: OciLayerSelector.helmChart() });
    expect(specOf(repo)).toStrictEqual({
      url: URL,
      interval: '5m',
      layerSelector: { mediaType: HELM_CHART_MEDIA_TYPE, operation: 'copy' },
    });
  });

  test('an OCIRepository without one leaves spec.layerSelector out', () => {
    const { a } = service('x');
    expect(specOf(new OciRepository(a, 'cert-manager', { url: URL }))).not.toHaveProperty('layerSelector');
  });

  test('the synthesized OCIRepository passes the CRD schema checks', () => {
    const { app, a } = service('x');
    new OciRepository(a, 'cert-manager', { url: URL, layerSelector: OciLayerSelector.helmChart() });
    expect(() => app.synthTree()).not.toThrow();
  });
});
