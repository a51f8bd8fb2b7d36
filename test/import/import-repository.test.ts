import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { importRepository } from '../../lib/import/import-repository';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';
import { describeWithTool } from '../support/tools';

const REFERENCE = sharedDir('reference', 'flux2-kustomize-helm-example');
const URL = 'ssh://git@github.com/fluxcd/flux2-kustomize-helm-example';

describeWithTool('kubectl', 'install kubectl (it ships kustomize)', 'importing a Flux repository', () => {
  test('GIVEN flux2-kustomize-helm-example WHEN it is imported THEN the program is the one in the snapshot, and it reproduces every object', async () => {
    const result = await importRepository(REFERENCE, { url: URL });
    expect(result.clusters).toEqual(['clusters/production', 'clusters/staging']);
    expect(result.differences).toEqual([]);
    // Every object is written with its typed construct, the ArtifactGenerator with the sync source as its source.
    expect(result.kept).toEqual([]);
    expect(result.program).toContain('sources: { monorepo: repo.syncSource },');
    expect(result.program).toMatchSnapshot();
  });

  test('GIVEN a cluster whose gotk-sync.yaml names no git repository WHEN it is imported without --url THEN the error says to give one', async () => {
    await expect(importRepository(REFERENCE)).rejects.toThrow(
      /clusters\/production\/flux-system\/gotk-sync.yaml: the cluster clusters\/production does not name its git repository .*; give --url/,
    );
  });

  test('GIVEN an object the typed construct writes differently WHEN it is imported THEN it is kept as written and the program still reproduces it', async () => {
    // A HelmRepository without interval: the typed construct would write its default interval.
    const root = tempDir();
    fs.cpSync(REFERENCE, root, { recursive: true });
    const repository = path.join(root, 'apps', 'base', 'podinfo', 'repository.yaml');
    fs.writeFileSync(repository, fs.readFileSync(repository, 'utf8').replace(/^\s*interval: .*\n/m, ''));
    const result = await importRepository(root, { url: URL });
    expect(result.differences).toEqual([]);
    expect(result.kept.filter((k) => k.object === 'HelmRepository podinfo/podinfo').map((k) => k.reason)).toEqual([
      'its typed construct writes spec.interval differently',
      'its typed construct writes spec.interval differently',
    ]);
    expect(result.program).toContain('// kept as written: its typed construct writes spec.interval differently');
  });
});

describeWithTool(
  'kubectl',
  'install kubectl (it ships kustomize)',
  'importing the other reference repositories',
  () => {
    test('GIVEN flux2-multi-tenancy WHEN it is imported THEN it reproduces every object, and an OCIRepository of v1beta2 with a keyless cosign verification is written in v1 with its typed construct', async () => {
      const result = await importRepository(sharedDir('reference', 'flux2-multi-tenancy'), { url: URL });
      expect(result.clusters).toEqual(['clusters/production', 'clusters/staging']);
      expect(result.differences).toEqual([]);
      expect([...new Set(result.kept.map((k) => `${k.object}: ${k.reason}`))].sort()).toEqual([
        'OCIRepository flux-system/kyverno-controller: apiVersion source.toolkit.fluxcd.io/v1beta2 is written as source.toolkit.fluxcd.io/v1, the version Flux serves',
      ]);
      expect(result.program).toContain('verify: ArtifactVerification.cosign()');
    });

    test('GIVEN flux2-hub-spoke-example WHEN it is imported THEN the hub and both spokes it applies to through kubeconfigs are reproduced, with typed constructs only', async () => {
      const result = await importRepository(sharedDir('reference', 'flux2-hub-spoke-example'), { url: URL });
      expect(result.clusters).toEqual(['hub']);
      expect(result.differences).toEqual([]);
      // nothing is kept as written: the old API versions are only written in the served one
      expect(result.kept.filter((k) => !k.reason.includes('the version Flux serves'))).toEqual([]);
      // the hub's Kustomizations stay in the spokes' namespaces, apply through their kubeconfig Secrets (made by
      // hand, so declared external), and build from the hub's sync source in flux-system
      expect(result.program).toContain("kustomizationNamespace: 'staging'");
      expect(result.program).toContain(
        "const clusterKubeconfigSecret = externalSecret(app, 'hub-secret-staging-cluster-kubeconfig', 'cluster-kubeconfig', {",
      );
      expect(result.program).toContain('kubeConfig: KubeConfig.fromSecret(clusterKubeconfigSecret)');
    });

    test('GIVEN flux2-monitoring-example WHEN it is imported THEN every object is written with its typed construct, drift rules and dependsOn between releases included', async () => {
      const result = await importRepository(sharedDir('reference', 'flux2-monitoring-example'), { url: URL });
      expect(result.differences).toEqual([]);
      expect(result.kept).toEqual([]);
      expect(result.program).toContain('mode: DriftDetectionMode.ENABLED');
      expect(result.program).toContain('dependsOn: [kubePrometheusStackHelmRelease]');
    });

    test('GIVEN d2-fleet (four clusters run by the Flux Operator) WHEN it is imported THEN each FluxInstance becomes the bootstrap of its repository and every object is reproduced with its typed construct', async () => {
      const result = await importRepository(sharedDir('reference', 'd2-fleet'), { url: URL });
      expect(result.clusters).toEqual(['clusters/prod-eu', 'clusters/prod-us', 'clusters/staging', 'clusters/update']);
      expect(result.differences).toEqual([]);
      expect(result.kept).toEqual([]);
      // the OCI sync with its pull Secret (made by hand, so declared external) and the instance's patches
      expect(result.program).toContain('bootstrap: Bootstrap.fluxOperator({');
      expect(result.program).toMatch(
        /source: FluxInstanceSource\.oci\('oci:\/\/ghcr\.io\/controlplaneio-fluxcd\/d2-fleet', \{\n\s+pullSecret: ghcrAuth\w*,/,
      );
      expect(result.program).toContain("dependsOn: [ResourceSetDependency.crd('helmreleases.helm.toolkit.fluxcd.io')]");
      expect(result.program).not.toContain('new ApiObject(');
    });

    /** Imports a copy of d2-fleet whose staging FluxInstance is `edit`ed. */
    async function importD2FleetWithStagingInstance(edit: (text: string) => string) {
      const root = tempDir();
      fs.cpSync(sharedDir('reference', 'd2-fleet'), root, { recursive: true });
      const file = path.join(root, 'clusters', 'staging', 'flux-system', 'flux-instance.yaml');
      fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
      return importRepository(root, { url: URL });
    }

    test('GIVEN a FluxInstance with a field Bootstrap.fluxOperator has no prop for WHEN imported THEN that cluster is left out, naming the field, and the others are imported', async () => {
      const result = await importD2FleetWithStagingInstance((t) =>
        t.replace('    multitenant: true\n', '    multitenant: true\n    tenantDefaultDecryptionServicAccount: sops\n'),
      );
      expect(result.clusters).toEqual(['clusters/prod-eu', 'clusters/prod-us', 'clusters/update']);
      expect(result.differences).toEqual([]);
      expect(result.kept.map((k) => `${k.cluster}: ${k.object}: ${k.reason}`)).toEqual([
        'clusters/staging: FluxInstance flux-system/flux: its FluxInstance cannot be written with Bootstrap.fluxOperator: spec.cluster.tenantDefaultDecryptionServicAccount has no prop in the typed construct',
      ]);
    });

    test('GIVEN a FluxInstance with persistent storage WHEN imported THEN its storage is written with the storageClass prop and reproduces the object', async () => {
      const result = await importD2FleetWithStagingInstance((t) =>
        t.replace('  sync:\n', '  storage:\n    class: standard\n    size: 10Gi\n  sync:\n'),
      );
      expect(result.clusters).toEqual(['clusters/prod-eu', 'clusters/prod-us', 'clusters/staging', 'clusters/update']);
      expect(result.differences).toEqual([]);
      expect(result.kept).toEqual([]);
      expect(result.program).toContain("storage: { storageClass: 'standard', size: '10Gi' },");
    });

    test('GIVEN a cluster whose FluxInstance the flux-instance Helm chart makes WHEN it is imported THEN the cluster is left out with the reason', async () => {
      const result = await importRepository(sharedDir('reference', 'onedr0p-home-ops'), { url: URL });
      expect(result.clusters).toEqual([]);
      expect(result.differences).toEqual([]);
      expect(result.kept.map((k) => `${k.cluster}: ${k.reason}`)).toEqual([
        'kubernetes/flux/cluster: its FluxInstance is not a file of the tree (the flux-instance Helm chart makes it from kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml), and the import writes only FluxInstance files',
      ]);
    });

    test('GIVEN alerts, a receiver, image policies, a Bucket, a HelmChart, an ExternalArtifact, input providers and a SOPS-encrypted Secret WHEN imported THEN each is written with its typed construct, its references as the objects they name, the SOPS file moved as it is', async () => {
      const result = await importRepository(path.join(__dirname, '..', 'fixtures', 'import-notifications'));
      expect(result.clusters).toEqual(['clusters/lab']);
      expect(result.differences).toEqual([]);
      expect(result.kept).toEqual([]);
      for (const expression of [
        // the SOPS file moves into the project, never decrypted; the repository gets its key from the file
        "const slackBotToken = SopsSecret.fromFile(appsApp, 'slack-bot-token', 'secrets/apps/slack-bot-token.sops.yaml', {",
        "sops: { ageRecipient: 'age1reftary285v4rpak8y4wh0dv3d2qnww9tg2w5jjzgxpekyt68s3spp8gd4', secretName: 'sops-age' },",
        'secret: slackBotToken,',
        // a source's credentials too: the HelmRepository's secretRef is the external Secret object
        "const chartCredentials = externalSecret(app, 'lab-secret-flux-system-chart-credentials', 'chart-credentials', {",
        'secret: chartCredentials,',
        // a Bucket with its Secrets and STS, a HelmChart of the HelmRepository, an ExternalArtifact of the Bucket
        "const manifests = new Bucket(appsApp.file('sources.yaml'), 'manifests', {",
        'provider: BucketProvider.GENERIC,',
        'secret: minioCredentials,',
        "sts: BucketSts.ldap('https://minio.minio.svc:9000', { secret: ldapCredentials }),",
        "new HelmChart(appsApp.file('sources.yaml'), 'podinfo', {",
        'reconcileStrategy: ChartReconcileStrategy.REVISION,',
        "new ExternalArtifact(appsApp.file('sources.yaml'), 'podinfo-manifests', { source: manifests });",
        // the SOPS file keeps its name in the new tree too
        "fileName: 'slack-bot-token.sops.yaml',",
        // the Flux Operator's input providers, one named by a ResourceSet, one selecting artifacts by labels
        "const podinfoPullRequests = new ResourceSetInputProvider(\n    appsApp.file('previews.yaml'),\n    'resourcesetinputprovider-podinfo-pull-requests',",
        'secret: githubToken,',
        "skipLabels: ['deploy/skip'],",
        'inputsFrom: [ResourceSetInputs.from(podinfoPullRequests)],',
        "LabelRequirement.in('env', ['staging', 'production']),",
        "LabelRequirement.doesNotExist('deprecated'),",
        // a Secret made by hand is declared external and passed as an object
        "const webhookToken = externalSecret(app, 'lab-secret-flux-system-webhook-token', 'webhook-token', {",
        'provider: slack,',
        'ObjectSelector.all(SelectableKind.KUSTOMIZATION)',
        'ObjectSelector.of(podinfoHelmRelease, { withApiVersion: false })',
        'resources: [ObjectSelector.of(repo.syncSource, { withApiVersion: false })]',
        'imageRepository: podinfoImageRepository,',
        "policy: TagPolicy.semver('>=6.0.0')",
        'policy: TagPolicy.numerical(TagOrder.ASC)',
      ]) {
        expect(result.program).toContain(expression);
      }
      // the file is moved as it is: its ciphertext is in the project's files, never in the program
      const file = path.join(__dirname, '..', 'fixtures', 'import-notifications', 'apps', 'slack-bot-token.sops.yaml');
      expect(result.files).toEqual(
        new Map([['secrets/apps/slack-bot-token.sops.yaml', fs.readFileSync(file, 'utf8')]]),
      );
      expect(result.program).not.toContain('ENC[');
      expect(result.program).not.toContain("externalSecret(app, 'lab-secret-flux-system-sops-age'");
    });

    test('GIVEN a SOPS file the import cannot move (JSON) WHEN imported THEN the summary says to carry it over by hand, and the comparison names it missing', async () => {
      const root = tempDir();
      fs.cpSync(path.join(__dirname, '..', 'fixtures', 'import-notifications'), root, { recursive: true });
      // the YAML Secret's file, as sops writes it in JSON
      const yamlFile = path.join(root, 'apps', 'slack-bot-token.sops.yaml');
      fs.writeFileSync(
        path.join(root, 'apps', 'slack-bot-token.sops.json'),
        JSON.stringify(parse(fs.readFileSync(yamlFile, 'utf8'))),
      );
      fs.rmSync(yamlFile);
      const kustomization = path.join(root, 'apps', 'kustomization.yaml');
      fs.writeFileSync(
        kustomization,
        fs.readFileSync(kustomization, 'utf8').replace('slack-bot-token.sops.yaml', 'slack-bot-token.sops.json'),
      );
      const result = await importRepository(root);
      expect(result.kept).toContainEqual({
        cluster: 'clusters/lab',
        object: 'Secret flux-system/slack-bot-token',
        file: 'apps/slack-bot-token.sops.json',
        reason: 'only a SOPS-encrypted YAML file of one Secret is moved; copy this one into the new tree by hand',
      });
      expect(result.differences).toContainEqual({
        cluster: 'clusters/lab',
        key: 'Secret|flux-system|slack-bot-token',
        change: 'missing',
      });
    });

    test('GIVEN a repository of components without an entry point WHEN it is imported THEN there is no cluster', async () => {
      const result = await importRepository(sharedDir('reference', 'd2-apps'), { url: URL });
      expect(result.clusters).toEqual([]);
    });
  },
);
