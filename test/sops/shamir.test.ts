import * as fc from 'fast-check';
import { shamirCombine, shamirSplit } from '../../lib/sops/core/shamir';

describe("Shamir's secret sharing over GF(256)", () => {
  test('any threshold-sized subset of shares recovers the secret', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc
          .integer({ min: 2, max: 6 })
          .chain((parts) => fc.tuple(fc.constant(parts), fc.integer({ min: 2, max: parts }))),
        fc.infiniteStream(fc.double()),
        (secret, [parts, threshold], randomness) => {
          const shares = shamirSplit(secret, parts, threshold);
          expect(shares).toHaveLength(parts);
          shares.forEach((share, i) => {
            expect(share).toHaveLength(secret.length + 1);
            expect(share[secret.length]).toBe(i + 1);
          });
          const order = shares.map((s) => [randomness.next().value, s] as const).sort((a, b) => a[0] - b[0]);
          const subset = order.slice(0, threshold).map(([, s]) => s);
          expect(Buffer.from(shamirCombine(subset))).toEqual(Buffer.from(secret));
          expect(Buffer.from(shamirCombine(shares))).toEqual(Buffer.from(secret));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('fewer shares than the threshold do not reveal a 32-byte key', () => {
    const secret = Buffer.alloc(32, 0xab);
    const shares = shamirSplit(secret, 3, 3);
    expect(Buffer.from(shamirCombine(shares.slice(0, 2)))).not.toEqual(secret);
  });

  test('combines a share set produced by the reference implementation', () => {
    // Two shares of the one-byte secret 0x2a with the polynomial 0x2a + 0x07x: x=1 -> 0x2d, x=2 -> 0x2a ^ mult(7,2)=0x24.
    expect(Buffer.from(shamirCombine([Uint8Array.of(0x2d, 1), Uint8Array.of(0x24, 2)]))).toEqual(Buffer.of(0x2a));
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a threshold below 2', () => shamirSplit(Buffer.of(1), 3, 1), /at least 2/],
    ['more parts than 255', () => shamirSplit(Buffer.of(1), 256, 2), /exceed 255/],
    ['fewer parts than the threshold', () => shamirSplit(Buffer.of(1), 2, 3), /less than the threshold/],
    ['one share', () => shamirCombine([Uint8Array.of(1, 1)]), /less than two shares/],
    ['duplicate shares', () => shamirCombine([Uint8Array.of(1, 1), Uint8Array.of(2, 1)]), /duplicate share/],
    ['shares of different lengths', () => shamirCombine([Uint8Array.of(1, 1), Uint8Array.of(2, 3, 2)]), /same length/],
  ])('rejects %s', (_what, run, message) => {
    expect(run).toThrow(message);
  });
});
