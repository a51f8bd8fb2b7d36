import * as fs from 'fs';
import * as path from 'path';
import { CliIo } from '../../lib/cli/io';
import { runCli } from '../../lib/cli/main';
import { sharedDir } from '../support/shared';
import { tempDir } from '../support/temp';

const D2_FLEET = sharedDir('reference', 'd2-fleet');

async function graph(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line) };
  const code = await runCli(['graph', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cdk8s-flux graph', () => {
  test('GIVEN --cluster with the last name of a cluster folder WHEN run THEN only that cluster is drawn, as Mermaid', async () => {
    const { code, out, err } = await graph(D2_FLEET, '--cluster', 'update');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out.split('\n')[0]).toBe('flowchart LR');
    expect(out).toContain('  fi_flux_system_flux -->|applies| dir_clusters_update');
    expect(out).not.toContain('subgraph');
    expect(out).not.toContain('tenants');
  });

  test('GIVEN several clusters WHEN drawn as DOT THEN each is a subgraph with its own node ids', async () => {
    const { code, out } = await graph(D2_FLEET, '--format', 'dot');
    expect(code).toBe(0);
    expect(out).toContain('subgraph "cluster_c_clusters_staging" {');
    expect(out).toContain('"c_clusters_staging__ks_flux_system_tenants" -> "c_clusters_staging__dir_tenants"');
    expect(out).toContain('"c_clusters_prod_eu__ks_flux_system_tenants" -> "c_clusters_prod_eu__dir_tenants"');
  });

  test('GIVEN --format svg --out FILE WHEN run THEN the SVG is written there and nothing is printed', async () => {
    const file = path.join(tempDir('cdk8s-flux-graph-cli-'), 'fleet.svg');
    const { code, out, err } = await graph(D2_FLEET, '--format', 'svg', '--out', file);
    expect({ code, out, err }).toEqual({
      code: 0,
      out: '',
      err: `cdk8s-flux graph: wrote the graph of 4 clusters to ${file}`,
    });
    expect(fs.readFileSync(file, 'utf8')).toMatch(
      /<svg[\s\S]*ResourceSet flux(-|&#45;)system\/infra[\s\S]*<\/svg>\s*$/,
    );
  });

  test('GIVEN a reference that resolves to nothing WHEN run THEN the graph is printed and the exit code is 1', async () => {
    const dir = tempDir('cdk8s-flux-graph-cli-');
    fs.cpSync(D2_FLEET, dir, { recursive: true });
    const file = path.join(dir, 'clusters', 'staging', 'tenants.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('  prune: true\n', '  prune: true\n  dependsOn:\n    - name: infra\n'),
    );
    const { code, out, err } = await graph(dir, '--cluster', 'clusters/staging');
    expect(code).toBe(1);
    expect(out).toContain('  ks_flux_system_infra["Kustomization flux-system/infra (not found)"]');
    expect(err).toBe(
      `cdk8s-flux graph: 1 reference that resolves to nothing, drawn in red; cdk8s-flux validate ${dir} tells more`,
    );
  });

  test.each([
    [['--format', 'png'], 'cdk8s-flux graph: unknown format "png"; the formats are mermaid, dot, svg'],
    [['--cluster', 'stagign'], 'cdk8s-flux graph: unknown cluster "stagign"; did you mean'],
    [['--colour'], 'cdk8s-flux graph: unknown option --colour'],
  ])('GIVEN %j WHEN run THEN it fails as wrong usage', async (args, message) => {
    const { code, err } = await graph(D2_FLEET, ...args);
    expect(code).toBe(2);
    expect(err.startsWith(message)).toBe(true);
  });
});
