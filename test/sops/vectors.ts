import { readFileSync } from 'fs';
import { SopsFormat } from '../../lib/sops/stores/format';
import { sharedDir } from '../support/shared';

/** The sops test vectors (see VECTORS.md in the shared folder): files written by sops, their data keys and plaintexts. */
export interface SopsVector {
  /** Path under the vectors folder. */
  readonly file: string;
  readonly format: SopsFormat;
  /** The data key (hex) the key stanzas unwrap to. */
  readonly dataKey: string;
  /** What `sops decrypt` prints, relative to the vectors folder; absent for files that must be rejected. */
  readonly expected?: string;
  /** The private key files that decrypt it, for the real age/PGP key sources. */
  readonly keyFiles: readonly string[];
  /** Written by sops 3.13 (so re-encrypting the plaintext reproduces it byte for byte). */
  readonly layout313?: { readonly plaintext: string };
}

const GETSOPS_KEY = ['real/getsops-sops/sops_functional_tests_key.asc'];
const expected = (folder: string, file: string): string => `real/expected-plaintext/${folder}_${file}.decrypted.yaml`;

export const VECTORS: readonly SopsVector[] = [
  {
    file: 'real/getsops-sops/example.yaml',
    format: 'yaml',
    dataKey: '8c68886c50b5b72965a3cb99c5172e1d74a8aca27b39ee880b535d6907e59f68',
    expected: expected('getsops-sops', 'example.yaml'),
    keyFiles: GETSOPS_KEY,
  },
  {
    file: 'real/getsops-sops/example.json',
    format: 'json',
    dataKey: 'faf6a891866fac550ef548b4e5f6fbc98fccc6827cd943cc8d7539747f1d87bd',
    expected: expected('getsops-sops', 'example.json'),
    keyFiles: GETSOPS_KEY,
  },
  {
    file: 'real/getsops-sops/format.enc.yaml',
    format: 'yaml',
    dataKey: 'af5e68dd342b72c6a0475f81a50da4fde898f4b7742c92cbcf1668211411f4e4',
    expected: expected('getsops-sops', 'format.enc.yaml'),
    keyFiles: GETSOPS_KEY,
    layout313: { plaintext: expected('getsops-sops', 'format.enc.yaml') },
  },
  {
    file: 'real/getsops-sops/comments.enc.yaml',
    format: 'yaml',
    dataKey: '61bec946f5783fd4cea3d1b1ce407fce2b6e81fc301cc539c422015e27f6d1be',
    expected: expected('getsops-sops', 'comments.enc.yaml'),
    keyFiles: GETSOPS_KEY,
  },
  {
    file: 'real/getsops-sops/comments_unencrypted_comments.yaml',
    format: 'yaml',
    dataKey: '70f645aec88418dff72ac2a7a5503209cf00beda80706e6e157fd94ae53885a0',
    expected: expected('getsops-sops', 'comments_unencrypted_comments.yaml'),
    keyFiles: GETSOPS_KEY,
  },
  {
    file: 'real/getsops-sops/multiple_keys.yaml',
    format: 'yaml',
    dataKey: '1e1db61c6b93c001caa9ce34a9d68448eee8a3c69336697eab36bb92327ce786',
    expected: expected('getsops-sops', 'multiple_keys.yaml'),
    keyFiles: GETSOPS_KEY,
  },
  {
    file: 'real/getsops-sops/no_mac.yaml',
    format: 'yaml',
    dataKey: '87f9ee7ab041cfd1946fb50e6166b29858fcb4224ae3816186a129248558461f',
    keyFiles: GETSOPS_KEY,
  },
  {
    file: 'real/sops-nix/secrets.yaml',
    format: 'yaml',
    dataKey: 'b9152942b7105527fd1fb9e2d9a1ee9bd03a7bb8edea26d311fda1a2e85056b2',
    expected: expected('sops-nix', 'secrets.yaml'),
    keyFiles: ['real/sops-nix/age-keys.txt', 'real/sops-nix/key.asc', 'real/sops-nix/ssh-key.asc'],
  },
  {
    file: 'real/sops-nix/secrets.json',
    format: 'json',
    dataKey: 'f7820264ffb2476c375f41af3f6fc4b6ed53775ee4338a73dbfd09f0c15c3b80',
    expected: expected('sops-nix', 'secrets.json'),
    keyFiles: ['real/sops-nix/key.asc'],
  },
  {
    file: 'real/humphd-sops-age/secret.enc.yaml',
    format: 'yaml',
    dataKey: '81d247290bee0b25484e76101e727f63fc984896953fe4888864f49db529e73a',
    expected: expected('humphd-sops-age', 'secret.enc.yaml'),
    keyFiles: ['real/humphd-sops-age/key.txt'],
  },
  {
    file: 'real/humphd-sops-age/secret.enc.json',
    format: 'json',
    dataKey: '3179b6f3028d542104273fb29380218e5264913b9daf4551a6a2262cee3de70a',
    expected: expected('humphd-sops-age', 'secret.enc.json'),
    keyFiles: ['real/humphd-sops-age/key.txt'],
  },
  {
    file: 'real/helm-secrets/secrets.age.yaml',
    format: 'yaml',
    dataKey: '6798cb778841891c459dde148789260418757698787d1fc2fc85bd23e1d98d6e',
    expected: expected('helm-secrets', 'secrets.age.yaml'),
    keyFiles: ['real/helm-secrets/age-key.txt'],
  },
  {
    file: 'real/third-party/sops-3.12.2-age.enc.yaml',
    format: 'yaml',
    dataKey: 'be74680cea182b11c911e586db4ada78204092ed726fef9ed3b82499bc10cfa1',
    expected: expected('third-party', 'sops-3.12.2-age.enc.yaml'),
    keyFiles: ['real/third-party/sops-3.12.2-age.key.txt'],
  },
  {
    file: 'real/third-party/sops-3.13.3-age-nonascii.enc.yaml',
    format: 'yaml',
    dataKey: '9e803734097cfd3ca3ac17d0c779ba8f975d738cd75290db39f5f61b93c292bb',
    expected: expected('third-party', 'sops-3.13.3-age-nonascii.enc.yaml'),
    keyFiles: ['real/third-party/sops-3.13.3-age-nonascii.key.txt'],
    layout313: { plaintext: expected('third-party', 'sops-3.13.3-age-nonascii.enc.yaml') },
  },
  {
    file: 'generated/types-age.enc.yaml',
    format: 'yaml',
    dataKey: '4fc05144bec788816b41c7da2d005811133060b8d87b51f204717ba2fca254ae',
    expected: 'generated/types-age.decrypted.yaml',
    keyFiles: ['generated/age-key-1.txt'],
    layout313: { plaintext: 'generated/plain-types.yaml' },
  },
  {
    file: 'generated/k8s-multidoc-encrypted-regex.enc.yaml',
    format: 'yaml',
    dataKey: '98c77de9a52b6d202f6ec92e1b1caeba6f10930ae88794628578b5e0ee6291e7',
    expected: 'generated/k8s-multidoc-encrypted-regex.decrypted.yaml',
    keyFiles: ['generated/age-key-1.txt'],
    layout313: { plaintext: 'generated/plain-k8s-multidoc.yaml' },
  },
];

/** Reads a file of the vectors folder. */
export function readVector(path: string): string {
  return readFileSync(sharedDir('sops-vectors', path), 'utf8');
}

/** The vector for a file. */
export function vector(file: string): SopsVector {
  const found = VECTORS.find((v) => v.file === file);
  if (!found) {
    throw new Error(`no vector ${file}`);
  }
  return found;
}
