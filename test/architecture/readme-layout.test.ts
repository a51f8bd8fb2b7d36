import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** The rows of the README's "Project layout" table: the folder and its description. */
function layoutRows(): { folder: string; what: string }[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Project layout$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `(lib\/[^`]+\/)` \| (.+) \|$/gm)].map((m) => ({ folder: m[1], what: m[2] }));
}

describe("the README's project layout", () => {
  test('GIVEN the folders of lib/ WHEN the layout table is read THEN it has one row for each, and no other', () => {
    const folders = fs
      .readdirSync(path.join(ROOT, 'lib'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `lib/${e.name}/`)
      .sort();
    expect(
      layoutRows()
        .map((r) => r.folder)
        .sort(),
    ).toEqual(folders);
  });

  test('GIVEN a row that names subfolders or files of its folder WHEN each is looked up THEN it exists', () => {
    const named = layoutRows().flatMap(({ folder, what }) =>
      [...what.matchAll(/`([a-z0-9-]+\/|[a-z0-9-]+\.ts)`/g)]
        .filter((m) => m[1] !== 'lib/')
        .map((m) => path.join(folder, m[1])),
    );
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
  });
});
