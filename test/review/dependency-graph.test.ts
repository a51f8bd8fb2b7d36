import * as fs from 'fs';
import * as path from 'path';
import { FluxApp } from '../../lib';
import { dependencyGraphs } from '../../lib/review/dependency-graph';
import { toDot } from '../../lib/review/dot';
import { ClusterGraph, GraphMark, isProblem } from '../../lib/review/graph-model';
import { toMermaid } from '../../lib/review/mermaid';
import { toSvg } from '../../lib/review/svg';
import { readTree } from '../../lib/validate/read-tree';
import { homelab } from '../../main';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';
import { findElements, parseXml } from '../support/xml';

const EXAMPLE_TREE = path.join(__dirname, '..', '..', 'dist');
const D2_FLEET = sharedDir('reference', 'd2-fleet');

/** The edges of a graph, one readable line each. */
const edgeLines = (g: ClusterGraph) =>
  g.edges.map((e) => `${e.from} -${e.kind}-> ${e.to}${e.mark ? ` (${e.mark})` : ''}`);

/** A copy of the example tree in a temp folder, with `file` changed by `change`. */
function exampleWith(file: string, change: (text: string) => string): string {
  const dir = tempDir('cdk8s-flux-graph-');
  fs.cpSync(EXAMPLE_TREE, dir, { recursive: true });
  const p = path.join(dir, file);
  const after = change(fs.readFileSync(p, 'utf8'));
  expect(after).not.toBe(fs.readFileSync(p, 'utf8'));
  fs.writeFileSync(p, after);
  return dir;
}

function exampleApp(): FluxApp {
  const app = new FluxApp({ outdir: tempDir('cdk8s-flux-graph-app-') });
  homelab(app);
  return app;
}

describe('dependency graph of the example', () => {
  test('GIVEN the example app WHEN graphed from its synth plan and from its committed tree THEN both graphs are the same', () => {
    const fromSynth = dependencyGraphs(exampleApp().plan().records);
    const fromTree = dependencyGraphs(readTree(EXAMPLE_TREE).records);
    expect(fromSynth).toEqual(fromTree);
    expect(fromSynth.map((g) => g.cluster)).toEqual(['cluster-resources/flux']);
  });

  test('GIVEN the records in another order WHEN graphed THEN the Mermaid output is byte-identical', () => {
    const records = readTree(EXAMPLE_TREE).records;
    expect(toMermaid(dependencyGraphs([...records].reverse()))).toBe(toMermaid(dependencyGraphs(records)));
  });

  test('GIVEN the example WHEN drawn as Mermaid THEN it shows every Kustomization, release, source and folder', () => {
    expect(toMermaid(dependencyGraphs(exampleApp().plan().records))).toBe(
      [
        'flowchart LR',
        '  dir_cluster_resources_flux[/"cluster-resources/flux/"/]',
        '  dir_cluster_resources_infrastructure_cert_manager[/"cluster-resources/infrastructure/cert-manager/"/]',
        '  dir_cluster_resources_infrastructure_ingress_nginx[/"cluster-resources/infrastructure/ingress-nginx/"/]',
        '  dir_cluster_resources_services_podinfo[/"cluster-resources/services/podinfo/"/]',
        '  dir_cluster_resources_services_podinfo_helm[/"cluster-resources/services/podinfo-helm/"/]',
        '  git_default_podinfo[("GitRepository default/podinfo")]',
        '  git_flux_system_flux_system[("GitRepository flux-system/flux-system")]',
        '  helmrepo_cert_manager_jetstack[("HelmRepository cert-manager/jetstack")]',
        '  helmrepo_ingress_nginx_ingress_nginx[("HelmRepository ingress-nginx/ingress-nginx")]',
        '  helmrepo_podinfo_podinfo[("HelmRepository podinfo/podinfo")]',
        '  hr_cert_manager_cert_manager("HelmRelease cert-manager/cert-manager")',
        '  hr_ingress_nginx_ingress_nginx("HelmRelease ingress-nginx/ingress-nginx")',
        '  hr_podinfo_podinfo("HelmRelease podinfo/podinfo")',
        '  ks_default_podinfo["Kustomization default/podinfo"]',
        '  ks_flux_system_cert_manager["Kustomization flux-system/cert-manager"]',
        '  ks_flux_system_flux_system["Kustomization flux-system/flux-system"]',
        '  ks_flux_system_ingress_nginx["Kustomization flux-system/ingress-nginx"]',
        '  ks_flux_system_podinfo["Kustomization flux-system/podinfo"]',
        '  ks_flux_system_podinfo_helm["Kustomization flux-system/podinfo-helm"]',
        '  path_podinfo_kustomize[/"./kustomize"/]',
        '  dir_cluster_resources_flux -.-> git_flux_system_flux_system',
        '  dir_cluster_resources_flux -.-> ks_flux_system_cert_manager',
        '  dir_cluster_resources_flux -.-> ks_flux_system_flux_system',
        '  dir_cluster_resources_flux -.-> ks_flux_system_ingress_nginx',
        '  dir_cluster_resources_flux -.-> ks_flux_system_podinfo',
        '  dir_cluster_resources_flux -.-> ks_flux_system_podinfo_helm',
        '  dir_cluster_resources_infrastructure_cert_manager -.-> helmrepo_cert_manager_jetstack',
        '  dir_cluster_resources_infrastructure_cert_manager -.-> hr_cert_manager_cert_manager',
        '  dir_cluster_resources_infrastructure_ingress_nginx -.-> helmrepo_ingress_nginx_ingress_nginx',
        '  dir_cluster_resources_infrastructure_ingress_nginx -.-> hr_ingress_nginx_ingress_nginx',
        '  dir_cluster_resources_services_podinfo -.-> git_default_podinfo',
        '  dir_cluster_resources_services_podinfo -.-> ks_default_podinfo',
        '  dir_cluster_resources_services_podinfo_helm -.-> helmrepo_podinfo_podinfo',
        '  dir_cluster_resources_services_podinfo_helm -.-> hr_podinfo_podinfo',
        '  hr_cert_manager_cert_manager -->|source| helmrepo_cert_manager_jetstack',
        '  hr_ingress_nginx_ingress_nginx -->|source| helmrepo_ingress_nginx_ingress_nginx',
        '  hr_podinfo_podinfo -->|source| helmrepo_podinfo_podinfo',
        '  ks_default_podinfo -->|source| git_default_podinfo',
        '  ks_default_podinfo -->|applies| path_podinfo_kustomize',
        '  ks_flux_system_cert_manager -->|applies| dir_cluster_resources_infrastructure_cert_manager',
        '  ks_flux_system_cert_manager -->|source| git_flux_system_flux_system',
        '  ks_flux_system_flux_system -->|applies| dir_cluster_resources_flux',
        '  ks_flux_system_flux_system -->|source| git_flux_system_flux_system',
        '  ks_flux_system_ingress_nginx -->|applies| dir_cluster_resources_infrastructure_ingress_nginx',
        '  ks_flux_system_ingress_nginx -->|source| git_flux_system_flux_system',
        '  ks_flux_system_podinfo -->|applies| dir_cluster_resources_services_podinfo',
        '  ks_flux_system_podinfo -->|source| git_flux_system_flux_system',
        '  ks_flux_system_podinfo_helm -->|applies| dir_cluster_resources_services_podinfo_helm',
        '  ks_flux_system_podinfo_helm -->|source| git_flux_system_flux_system',
        '  ks_flux_system_podinfo_helm -->|dependsOn| ks_flux_system_cert_manager',
        '  ks_flux_system_podinfo_helm -->|dependsOn| ks_flux_system_ingress_nginx',
        '  classDef problem stroke:#d00000,stroke-width:2px,color:#d00000',
        '  classDef external stroke-dasharray:5 5',
        '  class path_podinfo_kustomize external',
        '',
      ].join('\n'),
    );
  });
});

describe('dependency graph of d2-fleet (Flux Operator, read in place)', () => {
  const graphs = dependencyGraphs(readTree(D2_FLEET).records);

  test('GIVEN the fleet WHEN graphed THEN each cluster folder is a cluster and nothing is red', () => {
    expect(graphs.map((g) => g.cluster)).toEqual([
      'clusters/prod-eu',
      'clusters/prod-us',
      'clusters/staging',
      'clusters/update',
    ]);
    expect(graphs.flatMap((g) => [...g.nodes, ...g.edges]).filter(isProblem)).toEqual([]);
  });

  test('GIVEN the staging cluster WHEN graphed THEN its FluxInstance syncs it and its tenants folder is applied', () => {
    const staging = graphs.find((g) => g.cluster === 'clusters/staging') as ClusterGraph;
    expect(edgeLines(staging)).toEqual([
      'dir_clusters_staging -holds-> fi_flux_system_flux',
      'dir_clusters_staging -holds-> ks_flux_system_tenants',
      'dir_clusters_staging -holds-> rs_flux_system_flux_operator',
      'dir_tenants -holds-> rs_flux_system_apps',
      'dir_tenants -holds-> rs_flux_system_infra',
      'dir_tenants -holds-> rs_flux_system_policies',
      'fi_flux_system_flux -applies-> dir_clusters_staging',
      'fi_flux_system_flux -syncs-> oci_flux_system_flux_system',
      'ks_flux_system_tenants -applies-> dir_tenants',
      'ks_flux_system_tenants -source-> oci_flux_system_flux_system',
      'rs_flux_system_apps -dependsOn-> ks_monitoring_infra_configs',
      'rs_flux_system_flux_operator -dependsOn-> customresourcedefinition_helmreleases_helm_toolkit_fluxcd_io',
      'rs_flux_system_infra -dependsOn-> rs_flux_system_policies',
    ]);
    // made in the cluster (by the FluxInstance, a ResourceSet, Flux itself): dashed, not red
    expect(staging.nodes.filter((n) => n.mark === GraphMark.EXTERNAL).map((n) => n.label)).toEqual([
      'CustomResourceDefinition helmreleases.helm.toolkit.fluxcd.io',
      'Kustomization monitoring/infra-configs',
      'OCIRepository flux-system/flux-system',
    ]);
  });

  test('GIVEN a dependsOn cycle planted between two ResourceSets WHEN graphed THEN both and their edges are red', () => {
    const dir = tempDir('cdk8s-flux-graph-d2-');
    fs.cpSync(D2_FLEET, dir, { recursive: true });
    const file = path.join(dir, 'tenants', 'policies.yaml');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace('spec:\n', 'spec:\n  dependsOn:\n    - kind: ResourceSet\n      name: infra\n'),
    );
    const staging = dependencyGraphs(readTree(dir).records).find((g) => g.cluster === 'clusters/staging');
    expect(staging?.edges.filter(isProblem)).toEqual([
      { from: 'rs_flux_system_infra', to: 'rs_flux_system_policies', kind: 'dependsOn', mark: GraphMark.CYCLE },
      { from: 'rs_flux_system_policies', to: 'rs_flux_system_infra', kind: 'dependsOn', mark: GraphMark.CYCLE },
    ]);
    expect(staging?.nodes.filter(isProblem).map((n) => n.id)).toEqual([
      'rs_flux_system_infra',
      'rs_flux_system_policies',
    ]);
  });
});

describe('problems drawn in red', () => {
  test('GIVEN a Kustomization cycle planted in the example WHEN drawn THEN its edges and nodes are red in Mermaid and DOT', () => {
    const dir = exampleWith('cluster-resources/flux/infrastructure/ingress-nginx.yaml', (t) =>
      t.replace('spec:\n', 'spec:\n  dependsOn:\n    - name: podinfo-helm\n'),
    );
    const graphs = dependencyGraphs(readTree(dir).records);
    const mermaid = toMermaid(graphs).split('\n');
    const edges = mermaid.filter((l) => l.includes('-->') || l.includes('-.->'));
    const cycleEdges = edges.flatMap((l, i) => (l.includes('dependsOn (cycle)') ? [i] : []));
    expect(cycleEdges.map((i) => edges[i])).toEqual([
      '  ks_flux_system_ingress_nginx -->|dependsOn (cycle)| ks_flux_system_podinfo_helm',
      '  ks_flux_system_podinfo_helm -->|dependsOn (cycle)| ks_flux_system_ingress_nginx',
    ]);
    expect(mermaid).toContain(`  linkStyle ${cycleEdges.join(',')} stroke:#d00000,stroke-width:2px,color:#d00000`);
    expect(toDot(graphs)).toContain(
      '"ks_flux_system_ingress_nginx" -> "ks_flux_system_podinfo_helm" [label="dependsOn (cycle)", color="#d00000", fontcolor="#d00000", penwidth="2"];',
    );
  });

  test('GIVEN a HelmRelease naming a missing HelmRepository and a Kustomization applying a missing folder WHEN graphed THEN both are red', () => {
    const dir = exampleWith('cluster-resources/infrastructure/cert-manager/helmrelease-cert-manager.yaml', (t) =>
      t.replace('name: jetstack', 'name: jetstak'),
    );
    const file = path.join(dir, 'cluster-resources/flux/services/podinfo-helm.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('services/podinfo-helm', 'services/podinfo-hlem'));
    const [graph] = dependencyGraphs(readTree(dir).records);
    expect(graph.edges.filter(isProblem)).toEqual([
      { from: 'hr_cert_manager_cert_manager', to: 'helmrepo_cert_manager_jetstak', kind: 'source', mark: 'unresolved' },
      {
        from: 'ks_flux_system_podinfo_helm',
        to: 'path_flux_system_cluster_resources_services_podinfo_hlem',
        kind: 'applies',
        mark: 'unresolved',
      },
    ]);
    expect(toMermaid([graph])).toContain(
      '  helmrepo_cert_manager_jetstak[("HelmRepository cert-manager/jetstak (not found)")]',
    );
  });
});

describe('SVG made in-process', () => {
  test('GIVEN the example with a planted cycle WHEN drawn as SVG THEN it is XML with one node per graph node, the cycle in red', async () => {
    const dir = exampleWith('cluster-resources/flux/infrastructure/ingress-nginx.yaml', (t) =>
      t.replace('spec:\n', 'spec:\n  dependsOn:\n    - name: podinfo-helm\n'),
    );
    const graphs = dependencyGraphs(readTree(dir).records);
    const svg = parseXml(await toSvg(graphs));
    expect(svg.name).toBe('svg');
    const nodes = findElements(svg, (e) => e.name === 'g' && e.attributes.class === 'node');
    const titles = nodes.map((n) => n.children.find((c) => c.name === 'title')?.text).sort();
    expect(titles).toEqual(graphs[0].nodes.map((n) => n.id));
    const texts = nodes.flatMap((n) => findElements(n, (e) => e.name === 'text').map((t) => t.text));
    expect(texts).toContain('HelmRelease podinfo/podinfo');
    const red = nodes.filter((n) => findElements(n, (e) => e.attributes.stroke === '#d00000').length > 0);
    expect(red.map((n) => n.children.find((c) => c.name === 'title')?.text)).toEqual([
      'ks_flux_system_ingress_nginx',
      'ks_flux_system_podinfo_helm',
    ]);
  });
});
