import * as fs from 'fs';
import * as path from 'path';
import { ChangeKind, DangerKind, allChanges } from '../../../lib/review/diff/diff-model';
import { DiffFormat, renderDiff } from '../../../lib/review/diff/diff-format';
import { diffTrees } from '../../../lib/review/diff/diff-trees';
import { tempDir } from '../../support/temp';

const EXAMPLE_TREE = path.join(__dirname, '..', '..', '..', 'dist');

/** A copy of the example tree with `file` changed by `change`. */
function exampleWith(file: string, change: (text: string) => string): string {
  const dir = tempDir('cdk8s-flux-diff-');
  fs.cpSync(EXAMPLE_TREE, dir, { recursive: true });
  const p = path.join(dir, file);
  const after = change(fs.readFileSync(p, 'utf8'));
  expect(after).not.toBe(fs.readFileSync(p, 'utf8'));
  fs.writeFileSync(p, after);
  return dir;
}

describe('diff of the example tree', () => {
  test('GIVEN the same tree twice WHEN diffed THEN nothing changes', async () => {
    const diff = await diffTrees(EXAMPLE_TREE, EXAMPLE_TREE);
    expect(diff).toEqual({ clusters: [], notCompared: [] });
  });

  test.each([
    [
      'a HelmRelease chart major version bump',
      'cluster-resources/infrastructure/ingress-nginx/helmrelease-ingress-nginx.yaml',
      (t: string) => t.replace('version: 4.x', 'version: 5.x'),
      ChangeKind.CHANGED,
      [DangerKind.CHART_MAJOR_VERSION],
    ],
    [
      'a Kustomization suspended',
      'cluster-resources/flux/infrastructure/ingress-nginx.yaml',
      (t: string) => t.replace('spec:\n', 'spec:\n  suspend: true\n'),
      ChangeKind.CHANGED,
      [DangerKind.SUSPENDED],
    ],
    [
      'decryption removed',
      'cluster-resources/flux/services/podinfo-app.yaml',
      (t: string) => t.replace(/  decryption:\n(    .*\n)+/, ''),
      ChangeKind.CHANGED,
      [DangerKind.DECRYPTION_REMOVED],
    ],
    [
      'a dependsOn dropped',
      'cluster-resources/flux/services/podinfo-app.yaml',
      (t: string) => t.replace('  dependsOn:\n    - name: ingress-nginx\n', ''),
      ChangeKind.CHANGED,
      [DangerKind.DEPENDS_ON_DROPPED],
    ],
    [
      'a Namespace pruned',
      'cluster-resources/infrastructure/ingress-nginx/kustomization.yaml',
      (t: string) => t.replace('  - namespace-ingress-nginx.yaml\n', ''),
      ChangeKind.REMOVED,
      [DangerKind.PRUNE_DELETES_DATA],
    ],
  ])('GIVEN %s WHEN diffed THEN it is flagged', async (_name, file, change, kind, dangers) => {
    const diff = await diffTrees(EXAMPLE_TREE, exampleWith(file, change));
    const changes = allChanges(diff);
    expect(changes.map((c) => c.object.change)).toEqual([kind]);
    expect(changes.flatMap((c) => c.object.dangers.map((d) => d.kind))).toEqual(dangers);
  });

  test.each([
    [
      'a Kustomization resumed',
      'cluster-resources/flux/infrastructure/ingress-nginx.yaml',
      (t: string) => t.replace('spec:\n', 'spec:\n  suspend: true\n'),
      [DangerKind.RESUMED],
    ],
    [
      'prune turned on',
      'cluster-resources/flux/infrastructure/cert-manager.yaml',
      (t: string) => t.replace('  prune: true\n', '  prune: false\n'),
      [DangerKind.PRUNE_TURNED_ON],
    ],
  ])('GIVEN %s (the old tree changed) WHEN diffed THEN it is flagged', async (_name, file, change, dangers) => {
    const diff = await diffTrees(exampleWith(file, change), EXAMPLE_TREE);
    const changes = allChanges(diff);
    expect(changes.map((c) => c.object.change)).toEqual([ChangeKind.CHANGED]);
    expect(changes.flatMap((c) => c.object.dangers.map((d) => d.kind))).toEqual(dangers);
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
