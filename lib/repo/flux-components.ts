/** Whether `flux-system/kustomization.yaml` lists `gotk-components.yaml`, the Flux controllers `flux bootstrap` writes. */
export enum FluxComponents {
  /** List it when the file exists in the output tree at synth time (after `flux bootstrap` committed it). */
  AUTO = 'auto',
  /** Always list it: the file is committed by another step; synth does not write it. */
  INCLUDE = 'include',
  /** Never list it: the controllers are installed some other way (Helm, the Flux operator). */
  OMIT = 'omit',
}
