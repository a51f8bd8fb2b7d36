import { k8s } from 'cdk8s-plus-30';
import { FluxApp, GitOpsRepository, HelmChartSource, HelmRelease, HelmRepository, SopsSecret } from '../../lib';
import { FLEET_REPOSITORY, FLEET_SOPS_SECRET, Fleet, secretFileOf, secretNameOf } from './fleet';
import { runFleetProgram } from './run-program';

/** The benchmark's cdk8s-flux program: the fleet as a user writes it, synthesized with every validation on. */
export function synthFluxFleet(fleet: Fleet, outdir: string): void {
  const app = new FluxApp({ outdir });
  const repo = new GitOpsRepository(app, 'fleet', {
    ...FLEET_REPOSITORY,
    sops:
      fleet.ageRecipient === undefined
        ? undefined
        : { ageRecipient: fleet.ageRecipient, secretName: FLEET_SOPS_SECRET },
  });
  for (const spec of fleet.applications) {
    const application = repo.service(spec.name, { namespace: spec.name });
    new k8s.KubeNamespace(application, 'namespace', { metadata: { name: spec.name } });
    const charts = new HelmRepository(application, 'charts', { name: spec.name, url: spec.chartUrl });
    new HelmRelease(application, 'release', {
      name: spec.name,
      chart: HelmChartSource.fromRepository(charts, spec.name, { version: spec.chartVersion }),
      values: spec.values,
    });
    if (fleet.secretsDir !== undefined) {
      SopsSecret.fromFile(application, 'credentials', secretFileOf(fleet.secretsDir, spec), {
        name: secretNameOf(spec),
      });
    }
  }
  app.synth();
}

if (require.main === module) runFleetProgram(synthFluxFleet);
