/**
 * Times the hostile inputs the YAML reader and the regex engine must survive, each of which must finish within a
 * second or fail with a clean error: an alias bomb, a catastrophic regex, a flat map of 40,000 keys and 10,000 levels
 * of nesting. Run with `npx tsx scripts/bench-yaml-limits.ts`; unit tests assert the outcomes, never the time.
 */
import { compileRe2 } from '../lib/sops/go/re2';
import { readYamlDocuments } from '../lib/sops/stores/yaml-reader';

function time(name: string, run: () => unknown): void {
  const start = process.hrtime.bigint();
  let outcome: string;
  try {
    run();
    outcome = 'finished';
  } catch (e) {
    outcome = `failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${name}: ${ms.toFixed(0)} ms, ${outcome}`);
}

const names = 'abcdefghij';
let bomb = `a: &a [${Array(9).fill('"x"').join(',')}]\n`;
for (let i = 1; i < names.length; i++) {
  bomb += `${names[i]}: &${names[i]} [${Array(9)
    .fill(`*${names[i - 1]}`)
    .join(',')}]\n`;
}
time('alias bomb (9^9)', () => readYamlDocuments(bomb));
time('^(a+)+$ on 100,000 characters', () => compileRe2('^(a+)+$').test(`${'a'.repeat(100_000)}b`));
time('flat map of 40,000 keys', () =>
  readYamlDocuments(Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join('\n')),
);
time('10,000 nested flow lists', () => readYamlDocuments(`a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`));
time('10,000 nested block mappings', () =>
  readYamlDocuments(Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')),
);
