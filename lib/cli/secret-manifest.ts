import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { SopsFormat } from '../sops/stores/format';
import { UsageError } from './parse-flags';

/** Building the plaintext Kubernetes Secret of `cdk8s-flux secret create`, as `kubectl create secret generic` does. */

/** One key of the Secret and where it came from. */
export interface SecretEntry {
  /** The key under `data`. */
  readonly key: string;
  /** The value, as bytes (it is written base64-encoded). */
  readonly value: Uint8Array;
  /** Where it came from, for error messages; never the value (`--from-literal #2`, `--from-file "tls.crt"`). */
  readonly origin: string;
}

/** What {@link buildSecretManifest} needs. */
export interface SecretManifestProps {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`; omitted when undefined. */
  readonly namespace?: string;
  /** `type`, e.g. `Opaque` or `kubernetes.io/tls`. */
  readonly type: string;
  /** The keys, in any order (they are written sorted, as kubectl does). */
  readonly entries: readonly SecretEntry[];
}

/** The Secret type of `kubectl create secret generic` without `--type`. */
export const DEFAULT_SECRET_TYPE = 'Opaque';

/** Keys the API server requires for Secrets of the built-in types (one of each inner list). */
const REQUIRED_KEYS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'kubernetes.io/tls': [['tls.crt'], ['tls.key']],
  'kubernetes.io/dockerconfigjson': [['.dockerconfigjson']],
  'kubernetes.io/dockercfg': [['.dockercfg']],
  'kubernetes.io/basic-auth': [['username', 'password']],
  'kubernetes.io/ssh-auth': [['ssh-privatekey']],
};

/** File name endings dropped to make the default Secret name, longest first. */
const NAME_SUFFIXES = [
  '.sops.yaml',
  '.sops.yml',
  '.sops.json',
  '.enc.yaml',
  '.enc.yml',
  '.enc.json',
  '.yaml',
  '.yml',
  '.json',
];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Why `key` cannot be a key of a Secret's `data` (Kubernetes' rule: letters, digits, `-`, `_` and `.`; at most 253
 * characters; not `.`, `..` or starting with `..`), or `undefined` when it can.
 */
export function secretKeyProblem(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (key.length > 253) return `is ${key.length} characters long, more than the 253 Kubernetes allows`;
  if (!SECRET_KEY.test(key))
    return 'has characters Kubernetes does not allow in a Secret key (only letters, digits, -, _ and .)';
  if (key === '.' || key === '..' || key.startsWith('..'))
    return 'is "." or "..", or starts with "..", which Kubernetes does not allow';
  return undefined;
}

/** A valid key close to `key`, to suggest in an error. */
function keySuggestion(key: string): string {
  const fixed = key.replace(/[^-._a-zA-Z0-9]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  return fixed === '' ? 'KEY' : fixed.slice(0, 253);
}

function checkKey(key: string, flag: string, how: string): void {
  const problem = secretKeyProblem(key);
  if (problem !== undefined) {
    throw new UsageError(
      `${flag}: the key ${JSON.stringify(key)} ${problem}; ${how} ${JSON.stringify(keySuggestion(key))}`,
    );
  }
}

/**
 * Reads one `--from-literal KEY=VALUE`. Errors name the key, never the value.
 *
 * @param ordinal which `--from-literal` this is (1-based), to point at it without showing it
 * @throws UsageError when there is no `=`, the key is empty or not a valid Secret key
 */
export function literalEntry(arg: string, ordinal: number): SecretEntry {
  const origin = `--from-literal #${ordinal}`;
  const eq = arg.indexOf('=');
  if (eq < 0) {
    throw new UsageError(
      `${origin} has no "=" (not shown, as it may be a secret value); write --from-literal KEY=VALUE`,
    );
  }
  const key = arg.slice(0, eq);
  if (key === '') {
    throw new UsageError(`${origin} has an empty key before "="; write --from-literal KEY=VALUE`);
  }
  checkKey(key, origin, 'use a key such as');
  return { key, value: Buffer.from(arg.slice(eq + 1), 'utf8'), origin };
}

/**
 * Reads one `--from-file KEY=FILE`, or `--from-file FILE` with the file's base name as key, like kubectl.
 *
 * @param cwd the folder relative file names are read from
 * @throws UsageError when the key is not a valid Secret key, or the file cannot be read or is a folder
 */
export function fileEntry(arg: string, cwd: string): SecretEntry {
  const eq = arg.indexOf('=');
  const [key, file] = eq < 0 ? [path.basename(arg), arg] : [arg.slice(0, eq), arg.slice(eq + 1)];
  const origin = `--from-file ${JSON.stringify(arg)}`;
  if (file === '') {
    throw new UsageError(`${origin} names no file; write --from-file KEY=FILE or --from-file FILE`);
  }
  if (eq === 0) {
    throw new UsageError(`${origin} has an empty key before "="; write --from-file KEY=FILE or --from-file FILE`);
  }
  checkKey(key, origin, eq < 0 ? 'name the key: --from-file KEY=FILE, e.g.' : 'use a key such as');
  const full = path.resolve(cwd, file);
  let value: Buffer;
  try {
    if (fs.statSync(full).isDirectory()) {
      throw new UsageError(`${origin}: ${file} is a folder; pass each of its files with --from-file KEY=FILE`);
    }
    value = fs.readFileSync(full);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`${origin}: ${file} cannot be read (${code}); check the path and its permissions`);
  }
  return { key, value, origin };
}

/**
 * The default `metadata.name` for an encrypted Secret file: its base name without `.sops.yaml`, `.enc.yaml`, `.yaml`
 * (or the `.yml` and `.json` forms), e.g. `secrets/podinfo-secret.sops.yaml` gives `podinfo-secret`.
 */
export function secretNameFromPath(file: string): string {
  const base = path.basename(file);
  const suffix = NAME_SUFFIXES.find((s) => base.toLowerCase().endsWith(s) && base.length > s.length);
  return suffix === undefined ? base : base.slice(0, -suffix.length);
}

/** Checks `metadata.name` and `metadata.namespace`; `nameFrom` says where the name came from. */
export function checkSecretMetadata(name: string, namespace: string | undefined, nameFrom: string): void {
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    throw new UsageError(
      `the Secret name ${JSON.stringify(name)} (${nameFrom}) is not a valid Kubernetes name (lower-case letters, ` +
        `digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters); ` +
        (nameFrom === '--name' ? 'fix --name' : 'pass --name NAME'),
    );
  }
  if (namespace !== undefined && (namespace.length > 63 || !DNS_LABEL.test(namespace))) {
    throw new UsageError(
      `--namespace ${JSON.stringify(namespace)} is not a valid namespace (lower-case letters, digits and "-", ` +
        'starting and ending with a letter or digit, at most 63 characters); fix --namespace',
    );
  }
}

/**
 * The Secret as a plain object: `apiVersion`, `kind`, `metadata`, `type`, then `data` with every value base64-encoded
 * and keys sorted.
 *
 * @throws UsageError when there is no key, a key is given twice, or a key the type requires is missing
 */
export function buildSecretManifest(props: SecretManifestProps): Record<string, unknown> {
  if (props.entries.length === 0) {
    throw new UsageError('the Secret has no keys; give at least one --from-literal KEY=VALUE or --from-file KEY=FILE');
  }
  const seen = new Map<string, SecretEntry>();
  for (const entry of props.entries) {
    const first = seen.get(entry.key);
    if (first !== undefined) {
      throw new UsageError(
        `the key ${JSON.stringify(entry.key)} is given twice (${first.origin} and ${entry.origin}); give each key once`,
      );
    }
    seen.set(entry.key, entry);
  }
  if (props.type === '') {
    throw new UsageError(`--type is empty; give a Secret type such as ${DEFAULT_SECRET_TYPE} or kubernetes.io/tls`);
  }
  for (const oneOf of REQUIRED_KEYS[props.type] ?? []) {
    if (!oneOf.some((key) => seen.has(key))) {
      const keys = oneOf.map((k) => JSON.stringify(k)).join(' or ');
      throw new UsageError(
        `a Secret of --type ${props.type} needs the key ${keys}; add it with --from-file or --from-literal`,
      );
    }
  }
  const data: Record<string, string> = {};
  for (const key of [...seen.keys()].sort()) {
    data[key] = Buffer.from(seen.get(key)!.value).toString('base64');
  }
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: props.name, ...(props.namespace !== undefined ? { namespace: props.namespace } : {}) },
    type: props.type,
    data,
  };
}

/** Writes a manifest as plaintext YAML or JSON, ready to encrypt. */
export function renderManifest(manifest: Record<string, unknown>, format: SopsFormat): string {
  return format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : stringify(manifest, { lineWidth: 0 });
}
