import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import {
  FLEET_INTERVALS,
  FLEET_REPOSITORY,
  FLEET_SOPS_SECRET,
  FLUX_SERVICES_FOLDER,
  FLUX_SYSTEM_FOLDER,
  Fleet,
  applicationFiles,
  applicationFolder,
  applicationResources,
  kustomizeConfig,
  secretFileOf,
} from './fleet';
import { runFleetProgram } from './run-program';

const NAMESPACE = 'flux-system';

function fluxKustomization(
  name: string,
  folder: string,
  interval: string,
  decryption?: object,
): Record<string, unknown> {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      decryption,
      interval,
      path: `./${folder}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: NAMESPACE },
    },
  };
}

/**
 * The benchmark's floor: the fleet's files written with the `yaml` library from plain objects, no constructs and no
 * checks; the encrypted Secrets copied as they are.
 */
export function writeFloorFleet(fleet: Fleet, outdir: string): void {
  const write = (folder: string, file: string, ...objects: unknown[]) => {
    fs.mkdirSync(path.join(outdir, folder), { recursive: true });
    fs.writeFileSync(path.join(outdir, folder, file), objects.map((o) => stringify(o)).join('---\n'));
  };
  const sync = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: NAMESPACE, namespace: NAMESPACE },
    spec: {
      interval: FLEET_INTERVALS.sync,
      ref: { branch: FLEET_REPOSITORY.branch },
      secretRef: { name: NAMESPACE },
      url: FLEET_REPOSITORY.url,
    },
  };
  write(
    FLUX_SYSTEM_FOLDER,
    'gotk-sync.yaml',
    sync,
    fluxKustomization(NAMESPACE, `${FLEET_REPOSITORY.path}/flux`, FLEET_INTERVALS.apply),
  );
  write(FLUX_SYSTEM_FOLDER, 'kustomization.yaml', kustomizeConfig(['gotk-sync.yaml']));
  write(`${FLEET_REPOSITORY.path}/flux`, 'kustomization.yaml', kustomizeConfig(['flux-system', 'services']));
  const decryption =
    fleet.secretsDir === undefined ? undefined : { provider: 'sops', secretRef: { name: FLEET_SOPS_SECRET } };
  for (const app of fleet.applications) {
    const folder = applicationFolder(app);
    const files = applicationFiles(app);
    const metadata = { name: app.name, namespace: app.name };
    write(
      FLUX_SERVICES_FOLDER,
      `${app.name}.yaml`,
      fluxKustomization(app.name, folder, FLEET_INTERVALS.kustomization, decryption),
    );
    write(folder, files.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: app.name } });
    write(folder, files.helmRepository, {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata,
      spec: { interval: FLEET_INTERVALS.helmRepository, url: app.chartUrl },
    });
    write(folder, files.helmRelease, {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata,
      spec: {
        chart: {
          spec: { chart: app.name, sourceRef: { kind: 'HelmRepository', name: app.name }, version: app.chartVersion },
        },
        interval: FLEET_INTERVALS.helmRelease,
        values: app.values,
      },
    });
    if (fleet.secretsDir !== undefined) {
      fs.copyFileSync(secretFileOf(fleet.secretsDir, app), path.join(outdir, folder, files.secret));
    }
    write(folder, 'kustomization.yaml', kustomizeConfig(applicationResources(app, fleet.secretsDir !== undefined)));
  }
  const names = fleet.applications.map((a) => a.name).sort();
  write(FLUX_SERVICES_FOLDER, 'kustomization.yaml', kustomizeConfig(names.map((n) => `${n}.yaml`)));
  write(`${FLEET_REPOSITORY.path}/services`, 'kustomization.yaml', kustomizeConfig(names));
}

if (require.main === module) runFleetProgram(writeFloorFleet);
