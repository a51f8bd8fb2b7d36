import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { FLUX_DURATION_PATTERN, FluxValidationError, formatMilliseconds, renderDuration } from '../../lib';
import { folderNameProblem, normaliseRepoPath, repoPathProblem } from '../../lib/repo/names';
import { didYouMean, editDistance } from '../../lib/sops/base/did-you-mean';
import { eagerProblems, lab, synthProblems } from './app-fixture';

const where = { path: 'test', field: 'f' };
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Reads a Flux duration back to milliseconds (the inverse of formatMilliseconds), independently of the library. */
function parseDuration(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g))
    total += Number(amount) * UNIT_MS[unit];
  return total;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const labelChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split(''));
const anyName = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.string({ unit: labelChar, minLength: 1, maxLength: 70 }),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/),
);

describe('names', () => {
  test('an application name is accepted exactly when it is a DNS-1123 label', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const { app, repo } = lab();
        // reported at synth, or at once for the names no construct can have
        const eager = eagerProblems(() => repo.service(name));
        const problems = eager.length > 0 ? eager : synthProblems(app);
        const valid = DNS_LABEL.test(name) && name.length <= 63;
        // "constructor" is a DNS label, but no construct may have it as its id: refused with its own message.
        const reserved = name === 'constructor';
        expect(problems.length === 0).toBe(valid && !reserved);
        // a name of Object.prototype ("toString") is refused at once, with the message of the reserved names
        if (!valid)
          expect(problems[0]).toMatch(
            /application .* (is not a valid folder and object name|is a name the constructs library cannot give)/,
          );
      }),
    );
  });

  test('"constructor", a valid DNS label the constructs library cannot hold, is refused with a clear message', () => {
    expect(eagerProblems(() => lab().repo.service('constructor'))).toEqual([
      expect.stringMatching(
        /application "constructor" is a name the constructs library cannot give a child construct.*use another name/,
      ),
    ]);
  });

  test.each(['valueOf', 'toString', '__proto__', 'hasOwnProperty'])(
    'the Object.prototype name %s, not a DNS label, is refused as an invalid name',
    (name) => {
      expect(eagerProblems(() => lab().repo.service(name))).toEqual([
        expect.stringMatching(/application .* is not a valid folder and object name/),
      ]);
    },
  );

  test('every valid application name synthesizes into a folder and a Flux Kustomization of that name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/), (name) => {
        const { app, repo } = lab();
        repo.service(name);
        const files = [...app.synthTree().keys()];
        expect(files).toContain(`flux/services/${name}.yaml`);
      }),
      { numRuns: 30 },
    );
  });

  test('folderNameProblem accepts every DNS-1123 label', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/), (name) => {
        expect(folderNameProblem(name, where)).toBeUndefined();
      }),
    );
  });

  test('edit distance is a metric, and did-you-mean never suggests the name itself or a far one', () => {
    const word = fc.string({ unit: labelChar, maxLength: 12 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        const suggestion = didYouMean(a, [b, c]);
        if (suggestion !== undefined) {
          expect(suggestion).not.toBe(a);
          expect(editDistance(a, suggestion)).toBeLessThanOrEqual(Math.max(1, Math.floor(a.length / 3)));
        }
      }),
    );
  });
});

describe('durations', () => {
  test('formatMilliseconds writes the Flux pattern and reads back to the same duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 24 * 3_600_000 }), (ms) => {
        const text = formatMilliseconds(ms);
        expect(text).toMatch(FLUX_DURATION_PATTERN);
        expect(parseDuration(text)).toBe(ms);
      }),
    );
  });

  test('a cdk8s Duration renders as formatMilliseconds of its milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (ms) => {
        expect(renderDuration(Duration.millis(ms), where)).toBe(formatMilliseconds(ms));
      }),
    );
  });

  test('a duration string made of Flux units is kept exactly as written', () => {
    const part = fc.tuple(
      fc.integer({ min: 0, max: 999 }),
      fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
      fc.constantFrom('ms', 's', 'm', 'h'),
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const text = parts.map(([n, frac, unit]) => `${n}${frac === undefined ? '' : `.${frac}`}${unit}`).join('');
        expect(renderDuration(text, where)).toBe(text);
      }),
    );
  });

  test('any other string is refused with a message that shows a valid form', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        fc.pre(!FLUX_DURATION_PATTERN.test(text));
        expect(() => renderDuration(text, where)).toThrow(FluxValidationError);
        expect(() => renderDuration(text, where)).toThrow(/is not a Flux duration; use a value like "5m"/);
      }),
    );
  });
});

describe('repository paths', () => {
  const segment = fc
    .string({ unit: fc.constantFrom(...'abcxyz019-_.'.split('')), minLength: 1, maxLength: 8 })
    .filter((s) => s !== '.' && s !== '..');
  const segments = fc.array(segment, { maxLength: 5 });

  test('a relative path normalises to its segments joined by "/", with or without "./" and a trailing "/"', () => {
    fc.assert(
      fc.property(segments, fc.boolean(), fc.boolean(), (parts, dotSlash, trailing) => {
        const joined = parts.join('/');
        const written = `${dotSlash ? './' : ''}${joined}${trailing && joined !== '' ? '/' : ''}`;
        expect(repoPathProblem(written, where)).toBeUndefined();
        const normalised = normaliseRepoPath(written);
        expect(normalised).toBe(joined);
        expect(normaliseRepoPath(normalised)).toBe(normalised);
        expect(normalised).not.toMatch(/^\.?\/|\/\/|\/$/);
      }),
    );
  });

  test('a path that climbs out, is absolute, has empty segments or backslashes is refused', () => {
    const bad = fc.oneof(
      fc.tuple(segments, segments).map(([a, b]) => [...a, '..', ...b].join('/')),
      segments.map((a) => `/${a.join('/')}`),
      fc.tuple(segments, segments).map(([a, b]) => [...a, 'x\\y', ...b].join('/')),
      fc
        .tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.array(segment, { minLength: 1, maxLength: 3 }))
        .map(([a, b]) => `${a.join('/')}//${b.join('/')}`),
    );
    fc.assert(
      fc.property(bad, (path) => {
        expect(repoPathProblem(path, where)?.message).toBe('is not a relative path inside the git repository');
      }),
    );
  });
});
