import * as fs from 'fs';
import * as path from 'path';
import { ChangeKind, FieldChange, allChanges } from '../../../lib/review/diff/diff-model';
import { DiffFormat, renderDiff } from '../../../lib/review/diff/diff-format';
import { diffTrees } from '../../../lib/review/diff/diff-trees';
import { copyWithEdits } from '../../support/tree-edit';

const EXAMPLE_TREE = path.join(__dirname, '..', '..', '..', 'dist');

/** A copy of the example tree with `file` changed by `change`. */
const exampleWith = (file: string, change: (text: string) => string) => copyWithEdits(EXAMPLE_TREE, { [file]: change });

describe('diff of the example tree', () => {
  test('GIVEN the same tree twice WHEN diffed THEN nothing changes', async () => {
    const diff = await diffTrees(EXAMPLE_TREE, EXAMPLE_TREE);
    expect(diff).toEqual({ clusters: [], notCompared: [] });
  });
});

describe('diff of a HelmRelease', () => {
  const RELEASE = 'cluster-resources/services/podinfo-helm/helmrelease-podinfo.yaml';

  /** The field changes of the one object that changed. */
  async function fieldsOf(change: (text: string) => string): Promise<readonly FieldChange[]> {
    const changes = allChanges(await diffTrees(EXAMPLE_TREE, exampleWith(RELEASE, change)));
    expect(changes.map((c) => [c.object.id, c.object.change])).toEqual([
      ['HelmRelease/podinfo/podinfo', ChangeKind.CHANGED],
    ]);
    return changes[0].object.fields;
  }

  test('GIVEN values changed, added and removed WHEN diffed THEN each leaf of spec.values is a field with both values', async () => {
    const fields = await fieldsOf((t) =>
      t
        .replace('replicaCount: 2', 'replicaCount: 3')
        .replace('host: podinfo.homelab.local', 'host: podinfo.example.org')
        .replace('      className: nginx\n', '')
        .replace('  values:\n', '  values:\n    resources:\n      limits:\n        memory: 256Mi\n'),
    );
    expect(fields).toEqual([
      { path: 'spec.values.ingress.className', change: ChangeKind.REMOVED, before: 'nginx', secret: false },
      {
        path: 'spec.values.ingress.hosts[0].host',
        change: ChangeKind.CHANGED,
        before: 'podinfo.homelab.local',
        after: 'podinfo.example.org',
        secret: false,
      },
      { path: 'spec.values.replicaCount', change: ChangeKind.CHANGED, before: 2, after: 3, secret: false },
      {
        path: 'spec.values.resources',
        change: ChangeKind.ADDED,
        after: { limits: { memory: '256Mi' } },
        secret: false,
      },
    ]);
  });

  test('GIVEN a values list whose items have names, reordered and one changed WHEN diffed THEN items are matched by name', async () => {
    const env = (...items: [string, string][]) =>
      `    env:\n${items.map(([name, value]) => `      - name: ${name}\n        value: "${value}"\n`).join('')}`;
    const before = copyWithEdits(EXAMPLE_TREE, {
      [RELEASE]: (t) => t.replace('  values:\n', `  values:\n${env(['A', '1'], ['B', '2'])}`),
    });
    const after = copyWithEdits(EXAMPLE_TREE, {
      [RELEASE]: (t) => t.replace('  values:\n', `  values:\n${env(['B', '2'], ['A', '3'])}`),
    });
    const changes = allChanges(await diffTrees(before, after));
    expect(changes.flatMap((c) => c.object.fields)).toEqual([
      { path: 'spec.values.env[A].value', change: ChangeKind.CHANGED, before: '1', after: '3', secret: false },
    ]);
  });

  test('GIVEN the chart version and a value changed WHEN written as text THEN both fields are shown, old -> new', async () => {
    const after = exampleWith(RELEASE, (t) =>
      t.replace('version: 6.x', 'version: 6.5.x').replace('replicaCount: 2', 'replicaCount: 1'),
    );
    expect(renderDiff(await diffTrees(EXAMPLE_TREE, after), DiffFormat.TEXT, false)).toBe(
      [
        'cluster cluster-resources/flux',
        '  Kustomization flux-system/podinfo-helm (cluster-resources/flux/services/podinfo-helm.yaml)',
        '    ~ HelmRelease/podinfo/podinfo',
        '        spec.chart.spec.version: "6.x" -> "6.5.x"',
        '        spec.values.replicaCount: 2 -> 1',
        '1 object (1 changed) in 1 Kustomization of 1 cluster; none dangerous',
        '',
      ].join('\n'),
    );
  });
});

describe('diff of a SOPS-encrypted Secret', () => {
  const SECRET = 'cluster-resources/services/podinfo/secret-podinfo-secret.yaml';
  const NEW_CIPHERTEXT = 'ENC[AES256_GCM,data:AAAAAAAAAAAAAAAAAAAAAAAAAAAA';

  test.each(Object.values(DiffFormat))(
    'GIVEN a changed encrypted value WHEN written as %s THEN it shows "changed" and no ciphertext',
    async (format) => {
      const before = fs.readFileSync(path.join(EXAMPLE_TREE, SECRET), 'utf8');
      const oldCiphertext = /SECRET: (ENC\[[^\]]*\])/.exec(before)?.[1] ?? '';
      expect(oldCiphertext).not.toBe('');
      const after = exampleWith(SECRET, (t) =>
        t.replace(/SECRET: ENC\[AES256_GCM,data:[^,]*/, `SECRET: ${NEW_CIPHERTEXT}`),
      );
      const out = renderDiff(await diffTrees(EXAMPLE_TREE, after), format, false);
      expect(out).toContain('changed');
      expect(out).not.toContain(oldCiphertext.slice(0, 30));
      expect(out).not.toContain('AAAAAAAAAAAA');
    },
  );
});
