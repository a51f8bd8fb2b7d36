import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectProps, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { parse, stringify } from 'yaml';
import { HelmRelease, HelmReleaseSpecChartSpecSourceRefKind } from '../../imports/helm.toolkit.fluxcd.io';
import {
  Kustomization,
  KustomizationProps,
  KustomizationSpecDecryptionProvider,
  KustomizationSpecSourceRefKind,
} from '../../imports/kustomize.toolkit.fluxcd.io';
import { GitRepository, HelmRepository } from '../../imports/source.toolkit.fluxcd.io';
import {
  FLEET_INTERVALS,
  FLEET_REPOSITORY,
  FLEET_SOPS_SECRET,
  FLUX_SERVICES_FOLDER,
  FLUX_SYSTEM_FOLDER,
  Fleet,
  FleetApplication,
  applicationFiles,
  applicationFolder,
  applicationResources,
  kustomizeConfig,
  secretFileOf,
} from './fleet';
import { runFleetProgram } from './run-program';

const NAMESPACE = 'flux-system';

/**
 * One cdk8s App per folder of the tree, one Chart per file, so that raw cdk8s writes the files cdk8s-flux writes.
 * cdk8s has no notion of `kustomization.yaml` (an object without a name), so those are written with `yaml`, as a raw
 * cdk8s project must.
 */
class Folder {
  public readonly app: App;
  private readonly dir: string;
  private readonly resources: string[] = [];

  constructor(outdir: string, folder: string) {
    this.dir = path.join(outdir, folder);
    this.app = new App({ outdir: this.dir, outputFileExtension: '.yaml' });
  }

  /** A Chart written as `file` (`name.yaml`). */
  public chart(file: string): Chart {
    this.resources.push(file);
    return new Chart(this.app, path.basename(file, '.yaml'));
  }

  public synth(resources: readonly string[] = this.resources): void {
    this.app.synth();
    fs.writeFileSync(path.join(this.dir, 'kustomization.yaml'), stringify(kustomizeConfig([...resources].sort())));
  }
}

function synthApplication(fleet: Fleet, spec: FleetApplication, outdir: string): void {
  const folder = new Folder(outdir, applicationFolder(spec));
  const files = applicationFiles(spec);
  const metadata = { name: spec.name, namespace: spec.name };
  new k8s.KubeNamespace(folder.chart(files.namespace), 'namespace', { metadata: { name: spec.name } });
  new HelmRepository(folder.chart(files.helmRepository), 'charts', {
    metadata,
    spec: { interval: FLEET_INTERVALS.helmRepository, url: spec.chartUrl },
  });
  new HelmRelease(folder.chart(files.helmRelease), 'release', {
    metadata,
    spec: {
      interval: FLEET_INTERVALS.helmRelease,
      chart: {
        spec: {
          chart: spec.name,
          version: spec.chartVersion,
          sourceRef: { kind: HelmReleaseSpecChartSpecSourceRefKind.HELM_REPOSITORY, name: spec.name },
        },
      },
      values: spec.values,
    },
  });
  if (fleet.secretsDir !== undefined) {
    // Read and parsed here: cdk8s's `Include` would start a process per file to read it.
    const secret = parse(fs.readFileSync(secretFileOf(fleet.secretsDir, spec), 'utf8')) as ApiObjectProps;
    new ApiObject(folder.chart(files.secret), 'secret', secret);
  }
  folder.synth(applicationResources(spec, fleet.secretsDir !== undefined));
}

/** The flux-system sync objects `flux bootstrap` writes, as cdk8s-flux writes them. */
function synthFluxSystem(outdir: string): void {
  const folder = new Folder(outdir, FLUX_SYSTEM_FOLDER);
  const chart = folder.chart('gotk-sync.yaml');
  const metadata = { name: NAMESPACE, namespace: NAMESPACE };
  new GitRepository(chart, 'source', {
    metadata,
    spec: {
      interval: FLEET_INTERVALS.sync,
      ref: { branch: FLEET_REPOSITORY.branch },
      secretRef: { name: NAMESPACE },
      url: FLEET_REPOSITORY.url,
    },
  });
  new Kustomization(chart, 'sync', {
    metadata,
    spec: fluxKustomizationSpec(`${FLEET_REPOSITORY.path}/flux`, FLEET_INTERVALS.apply),
  });
  folder.synth();
}

function fluxKustomizationSpec(
  folder: string,
  interval: string = FLEET_INTERVALS.kustomization,
): KustomizationProps['spec'] & object {
  return {
    interval,
    path: `./${folder}`,
    prune: true,
    sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: NAMESPACE },
  };
}

/** The benchmark's raw cdk8s program: the fleet's objects with the `cdk8s import` classes, no cdk8s-flux. */
export function synthRawFleet(fleet: Fleet, outdir: string): void {
  synthFluxSystem(outdir);
  const services = new Folder(outdir, FLUX_SERVICES_FOLDER);
  for (const spec of fleet.applications) {
    synthApplication(fleet, spec, outdir);
    const decryption =
      fleet.secretsDir === undefined
        ? undefined
        : { provider: KustomizationSpecDecryptionProvider.SOPS, secretRef: { name: FLEET_SOPS_SECRET } };
    new Kustomization(services.chart(`${spec.name}.yaml`), 'sync', {
      metadata: { name: spec.name, namespace: NAMESPACE },
      spec: { ...fluxKustomizationSpec(applicationFolder(spec)), decryption },
    });
  }
  services.synth();
  const fluxRoot = path.join(outdir, FLEET_REPOSITORY.path, 'flux');
  fs.writeFileSync(path.join(fluxRoot, 'kustomization.yaml'), stringify(kustomizeConfig(['flux-system', 'services'])));
  const servicesRoot = path.join(outdir, FLEET_REPOSITORY.path, 'services');
  const names = fleet.applications.map((a) => a.name).sort();
  fs.writeFileSync(path.join(servicesRoot, 'kustomization.yaml'), stringify(kustomizeConfig(names)));
}

if (require.main === module) runFleetProgram(synthRawFleet);
