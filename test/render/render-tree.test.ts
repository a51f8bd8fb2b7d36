import { FolderContents } from '../../lib/render/folder-contents';
import { ObjectFile } from '../../lib/render/object-file';
import { renderTree } from '../../lib/render/render-tree';

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

function folder(entries: FolderContents['entries'], more: Partial<FolderContents> = {}): FolderContents {
  return {
    folderPath: 'c/apps/web',
    treeRoot: 'c',
    entries,
    externalFiles: [],
    writtenWhenEmpty: false,
    kustomizeFields: {},
    ...more,
  };
}

describe('rendering folder contents (plain data, no constructs)', () => {
  test('GIVEN two objects that share a file WHEN rendered THEN the file holds both, in order, and is listed once', () => {
    const tree = renderTree([
      folder([
        { constructPath: 'a', file: ObjectFile.shared('both.yaml'), manifest: cm('one') },
        { constructPath: 'b', file: ObjectFile.shared('both.yaml'), manifest: cm('two') },
      ]),
    ]);
    expect(tree.issues).toEqual([]);
    expect(tree.files.get('c/apps/web/both.yaml')).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n',
    );
    expect(tree.files.get('c/apps/web/kustomization.yaml')).toContain('resources:\n  - both.yaml\n');
  });

  test('GIVEN a shared object after an own one in the same file WHEN rendered THEN the later one is rejected', () => {
    const later = { constructPath: 'b', file: ObjectFile.shared('x.yaml'), manifest: cm('two') };
    const tree = renderTree([
      folder([{ constructPath: 'a', file: ObjectFile.own('x.yaml'), manifest: cm('one') }, later]),
    ]);
    expect(tree.issues.map((i) => `${i.constructPath} ${i.file} ${i.message}`)).toEqual([
      'b c/apps/web/x.yaml would be written to the same file as a',
    ]);
    expect([...tree.rejected]).toEqual([later]);
    expect(tree.files.get('c/apps/web/x.yaml')).not.toContain('two');
  });

  test('GIVEN a whole file, an external file and fields WHEN rendered THEN every folder up to the root lists its part', () => {
    const tree = renderTree([
      folder([{ constructPath: 's', fileName: 'secret.yaml', content: 'sops: {}\n' }], {
        externalFiles: ['gotk-components.yaml'],
        kustomizeFields: { labels: [{ pairs: { a: 'b' } }] },
      }),
    ]);
    expect([...tree.files.keys()]).toEqual([
      'c/apps/kustomization.yaml',
      'c/apps/web/kustomization.yaml',
      'c/apps/web/secret.yaml',
    ]);
    expect(tree.files.get('c/apps/web/secret.yaml')).toBe('sops: {}\n');
    expect(tree.files.get('c/apps/web/kustomization.yaml')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-components.yaml\n' +
        '  - secret.yaml\nlabels:\n  - pairs:\n      a: b\n',
    );
    expect(tree.files.get('c/apps/kustomization.yaml')).toContain('resources:\n  - web\n');
  });
});
