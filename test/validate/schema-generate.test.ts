import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Document, parseAllDocuments } from 'yaml';
import { generateSchemaFiles, SCHEMAS_DIR } from '../../scripts/generate-schemas';
import { FLUX_CRD_FILES, fluxCrdsDir } from '../../scripts/flux-crds';

describe('generated schemas (lib/validate/crd-schemas)', () => {
  const fresh = generateSchemaFiles();

  test('the committed files equal a fresh generation: run `npm run generate:schemas` if this fails', () => {
    const onDisk = fs.readdirSync(SCHEMAS_DIR).sort();
    expect(onDisk).toEqual(fresh.map((f) => f.name));
    for (const file of fresh) {
      expect({ name: file.name, content: fs.readFileSync(path.join(SCHEMAS_DIR, file.name), 'utf8') }).toEqual(file);
    }
  });

  test('one schema per served kind, without descriptions or status', () => {
    const schemas = fresh.filter((f) => f.name.endsWith('.json'));
    expect(schemas).toHaveLength(15);
    for (const file of schemas) {
      expect(file.content).not.toContain('"description"');
      const schema = JSON.parse(file.content) as { properties: Record<string, unknown> };
      expect(Object.keys(schema.properties)).toEqual(
        expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']),
      );
      expect(schema.properties.status).toBeUndefined();
    }
  });

  test('the CEL rule list names all 24 rules and how each is enforced', () => {
    const list = fresh.find((f) => f.name === 'cel-rules.md')?.content ?? '';
    expect(list).toContain('24 rules: 24 evaluated, 0 skipped.');
    expect(list.split('\n').filter((line) => /^\| \d+ \|/.test(line))).toHaveLength(24);
  });

  test('the output does not depend on key order in the CRD files', () => {
    // GIVEN the same CRDs with every mapping's keys reversed
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flux-crds-reversed-'));
    try {
      fs.copyFileSync(path.join(fluxCrdsDir(), 'README.md'), path.join(dir, 'README.md'));
      for (const { file } of FLUX_CRD_FILES) {
        const docs = parseAllDocuments(fs.readFileSync(path.join(fluxCrdsDir(), file), 'utf8'));
        const text = docs.map((d) => new Document(reverseKeys(d.toJS())).toString()).join('---\n');
        fs.writeFileSync(path.join(dir, file), text);
      }
      // WHEN generated   THEN the result is byte for byte the same
      expect(generateSchemaFiles(dir)).toEqual(fresh);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}
