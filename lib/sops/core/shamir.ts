import { randomBytes } from 'crypto';

/**
 * Shamir's secret sharing over GF(2^8) with the AES polynomial x^8+x^4+x^3+x+1, in the share format sops uses (its
 * copy of HashiCorp Vault's `shamir` package): each byte of the secret gets its own random polynomial of degree
 * threshold-1; share i (0-based) is the polynomials' values at x = i+1, followed by that x as a last byte.
 */

function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 8; i++) {
    // Branch-free: add a when the low bit of b is set, then double a modulo the AES polynomial.
    product ^= -(b & 1) & a;
    const carry = -((a >> 7) & 1) & 0x1b;
    a = ((a << 1) ^ carry) & 0xff;
    b >>= 1;
  }
  return product;
}

function gfInverse(a: number): number {
  // a^254 = a^-1 in GF(2^8).
  let result = 1;
  let base = a;
  for (let e = 254; e > 0; e >>= 1) {
    if (e & 1) {
      result = gfMultiply(result, base);
    }
    base = gfMultiply(base, base);
  }
  return result;
}

function evaluate(coefficients: Uint8Array, x: number): number {
  // Horner's rule from the highest coefficient; coefficients[0] is the secret byte.
  let y = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) {
    y = gfMultiply(y, x) ^ coefficients[i];
  }
  return y;
}

/** Splits `secret` into `parts` shares, any `threshold` of which recover it. */
export function shamirSplit(secret: Uint8Array, parts: number, threshold: number): Uint8Array[] {
  if (parts < threshold) {
    throw new RangeError('the number of shares cannot be less than the threshold');
  }
  if (parts > 255) {
    throw new RangeError('the number of shares cannot exceed 255');
  }
  if (threshold < 2) {
    throw new RangeError('the threshold must be at least 2');
  }
  if (secret.length === 0) {
    throw new RangeError('cannot split an empty secret');
  }
  const shares = Array.from({ length: parts }, (_, i) => {
    const share = new Uint8Array(secret.length + 1);
    share[secret.length] = i + 1;
    return share;
  });
  const coefficients = new Uint8Array(threshold);
  secret.forEach((byte, index) => {
    coefficients[0] = byte;
    coefficients.set(randomBytes(threshold - 1), 1);
    shares.forEach((share, i) => {
      share[index] = evaluate(coefficients, i + 1);
    });
  });
  coefficients.fill(0);
  return shares;
}

/** Recovers the secret from shares (at least the threshold used to split it; fewer give a wrong result silently). */
export function shamirCombine(shares: readonly Uint8Array[]): Uint8Array {
  if (shares.length < 2) {
    throw new RangeError('less than two shares cannot be used to recover the secret');
  }
  const length = shares[0].length;
  if (length < 2) {
    throw new RangeError('shares must be at least two bytes long');
  }
  if (shares.some((s) => s.length !== length)) {
    throw new RangeError('all shares must be the same length');
  }
  const xs = shares.map((s) => s[length - 1]);
  if (new Set(xs).size !== xs.length) {
    throw new RangeError('duplicate share detected');
  }
  const secret = new Uint8Array(length - 1);
  for (let index = 0; index < length - 1; index++) {
    // Lagrange interpolation at x = 0; in GF(2^8), subtraction is XOR.
    let value = 0;
    for (let i = 0; i < shares.length; i++) {
      let basis = 1;
      for (let j = 0; j < shares.length; j++) {
        if (i !== j) {
          basis = gfMultiply(basis, gfMultiply(xs[j], gfInverse(xs[i] ^ xs[j])));
        }
      }
      value ^= gfMultiply(shares[i][index], basis);
    }
    secret[index] = value;
  }
  return secret;
}
