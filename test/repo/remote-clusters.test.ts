import { k8s } from 'cdk8s-plus-30';
import { parse } from 'yaml';
import { FluxApp, GitOpsRepository, KubeConfig, externalSecret } from '../../lib';
import { validateTree } from '../../lib/validate/validate-tree';
import { synthErrorOf } from '../flux/fixture';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

// A hub that applies folders to spoke clusters through kubeconfig Secrets (as flux2-hub-spoke-example does): each
// spoke is a cluster of its own for the whole-tree checks, and the hub's Kustomizations may live in the spokes'
// namespaces, beside their kubeconfigs.

/** A hub whose `tenants` layer has one application per spoke, each making the same Namespace there. */
function hub(outdir: string, kubeconfigs: readonly string[]) {
  const app = new FluxApp({ outdir, quiet: true });
  const repo = new GitOpsRepository(app, 'hub', { url: 'ssh://git@github.com/o/hub', path: 'hub' });
  const apps = ['staging', 'production'].map((spoke, i) => {
    const kubeconfig = externalSecret(repo, `${spoke}-kubeconfig`, kubeconfigs[i], { namespace: spoke });
    const tenants = repo.layer(spoke).addApplication('tenants', {
      kustomizationNamespace: spoke,
      kubeConfig: KubeConfig.fromSecret(kubeconfig),
    });
    new k8s.KubeNamespace(tenants, 'podinfo', { metadata: { name: 'podinfo' } });
    return tenants;
  });
  return { app, apps };
}

describe('applications on remote clusters', () => {
  test('GIVEN two spokes WHEN each gets the same Namespace THEN synth accepts it, and the Kustomizations are in the spokes namespaces', () => {
    const { app, apps } = hub(tempDir(), ['cluster-kubeconfig', 'cluster-kubeconfig']);
    const tree = app.synthTree();
    const staging = parse(tree.get('hub/flux/staging/tenants.yaml') ?? '') as Record<string, Record<string, unknown>>;
    expect(staging.metadata).toEqual({ name: 'tenants', namespace: 'staging' });
    expect(staging.spec).toMatchObject({
      kubeConfig: { secretRef: { name: 'cluster-kubeconfig' } },
      sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' },
      path: './hub/staging/tenants',
    });
    expect(apps.map((a) => a.cluster)).toEqual([
      'hub (kubeConfig Secret/staging/cluster-kubeconfig)',
      'hub (kubeConfig Secret/production/cluster-kubeconfig)',
    ]);
  });

  test('GIVEN two applications on the same spoke WHEN both make the same Namespace THEN synth reports the duplicate', () => {
    const { apps } = hub(tempDir(), ['cluster-kubeconfig', 'cluster-kubeconfig']);
    const again = apps[0].layer.addApplication('more', {
      kustomizationNamespace: 'staging',
      kubeConfig: KubeConfig.fromSecret(
        externalSecret(apps[0], 'kubeconfig', 'cluster-kubeconfig', { namespace: 'staging' }),
      ),
    });
    const twice = new k8s.KubeNamespace(again, 'podinfo', { metadata: { name: 'podinfo' } });
    expect(synthErrorOf(twice).issues.map((i) => `${i.constructPath} ${i.value}: ${i.message}`)).toEqual([
      'hub/staging/more/podinfo Namespace/podinfo: is declared twice: here and at hub/staging/tenants/podinfo (hub/staging/tenants/namespace-podinfo.yaml)',
    ]);
  });
});

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'the written hub, validated', () => {
  test('GIVEN the synthesized hub WHEN validated as a hand-written tree THEN it passes: the walk names the spokes as synth does', async () => {
    const outdir = tempDir();
    hub(outdir, ['cluster-kubeconfig', 'cluster-kubeconfig']).app.synth();
    const result = await validateTree(outdir);
    expect(result.issues).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.clusters).toEqual([
      'hub/flux',
      'hub/flux (kubeConfig Secret/production/cluster-kubeconfig)',
      'hub/flux (kubeConfig Secret/staging/cluster-kubeconfig)',
    ]);
  });
});
