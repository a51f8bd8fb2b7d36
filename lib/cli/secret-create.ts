import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { FluxValidationError, fail } from '../errors';
import { encryptSopsFile } from '../sops/encrypt-decrypt';
import { inspectEncryptedDocument } from '../sops/inspect-encrypted-document';
import { detectFormat } from '../sops/stores/format';
import { writeFileAtomic } from '../render/atomic-write';
import { FlagSpec, ParsedFlags } from './parse-flags';
import { SecretContext } from './secret-context';
import { clearValueIssues, creationRuleFor, describeRule } from './secret-creation-rule';
import { CONFIG_FLAG } from './secret-rule-check';
import {
  DEFAULT_SECRET_TYPE,
  SecretEntry,
  buildSecretManifest,
  checkSecretMetadata,
  fileEntry,
  literalEntry,
  renderManifest,
  secretNameFromPath,
} from './secret-manifest';

/** The help text of `cdk8s-flux secret create`. */
export const SECRET_CREATE_USAGE = `usage: cdk8s-flux secret create FILE [--from-literal KEY=VALUE]... [--from-file [KEY=]PATH]...
                                [--name NAME] [--namespace NS] [--type TYPE] [--config .sops.yaml] [--force]

Writes a SOPS-encrypted Kubernetes Secret to FILE, like \`kubectl create secret generic\` followed by \`sops encrypt\`:
every value goes base64-encoded under data:, encrypted for the recipients of the .sops.yaml creation rule that
matches FILE (and with its encrypted_regex or other encryption rule; a rule that would leave a value of data in
clear text is refused). As with sops, the .sops.yaml is --config,
else $SOPS_CONFIG, else the first one found from the working directory upwards; the first rule whose path_regex
matches FILE's path relative to the .sops.yaml folder wins. FILE ending in .json is written as JSON, anything else as YAML.

  --from-literal KEY=VALUE  a key and its value (repeatable)
  --from-file KEY=PATH      a key and the file holding its value (repeatable); --from-file PATH uses the
                            file's base name as key
  --name NAME               metadata.name (default: FILE's base name without .sops.yaml, .enc.yaml, .yaml,
                            .yml or .json, e.g. podinfo-secret for secrets/podinfo-secret.sops.yaml)
  -n, --namespace NS        metadata.namespace (default: none, the namespace Flux applies it in)
  --type TYPE               the Secret type (default: ${DEFAULT_SECRET_TYPE}), e.g. kubernetes.io/tls
  --config FILE             the .sops.yaml to use
  --force                   replace FILE when it exists

Keys may hold letters, digits, "-", "_" and "." only. Nothing is written when anything is wrong, and the file
appears whole or not at all.

example:
  cdk8s-flux secret create secrets/podinfo-secret.yaml -n default --from-literal token=s3cr3t --from-file ca.crt`;

/** The flags of `secret create`. */
export const SECRET_CREATE_FLAGS: readonly FlagSpec[] = [
  { name: 'from-literal', kind: 'list' },
  { name: 'from-file', kind: 'list' },
  { name: 'name', kind: 'string' },
  { name: 'namespace', alias: 'n', kind: 'string' },
  { name: 'type', kind: 'string' },
  CONFIG_FLAG,
  { name: 'force', kind: 'boolean' },
];

/**
 * `cdk8s-flux secret create FILE --from-literal K=V --from-file K=PATH ...`: builds the Secret, encrypts it for the
 * matching creation rule and writes it atomically, refusing to replace a file unless `--force`.
 *
 * @returns the exit code (0); failures are thrown (UsageError, FluxValidationError, SopsError)
 */
export async function runSecretCreate(file: string, ctx: SecretContext, flags: ParsedFlags): Promise<number> {
  const one = (name: string): string | undefined => flags.values.get(name)?.[0];
  const force = flags.values.has('force');
  const full = path.resolve(ctx.cwd, file);
  const exists = (): boolean => fs.statSync(full, { throwIfNoEntry: false }) !== undefined;
  if (!force && exists()) {
    refuseExisting(file);
  }

  const givenName = one('name');
  const name = givenName ?? secretNameFromPath(file);
  const namespace = one('namespace');
  checkSecretMetadata(
    name,
    namespace,
    givenName !== undefined ? '--name' : `from the file name ${path.basename(file)}`,
  );
  const entries: SecretEntry[] = [
    ...(flags.values.get('from-literal') ?? []).map((arg, i) => literalEntry(arg, i + 1)),
    ...(flags.values.get('from-file') ?? []).map((arg) => fileEntry(arg, ctx.cwd)),
  ];
  const manifest = buildSecretManifest({ name, namespace, type: one('type') ?? DEFAULT_SECRET_TYPE, entries });

  const rule = await creationRuleFor(file, { configFile: one('config'), env: ctx.env, cwd: ctx.cwd });
  const format = detectFormat(file);
  const encrypted = await encryptSopsFile(renderManifest(manifest, format), {
    format,
    keyGroups: rule.keyGroups,
    shamirThreshold: rule.shamirThreshold,
    macOnlyEncrypted: rule.macOnlyEncrypted,
    encryptionRule: rule.encryptionRule,
    fileName: file,
  });

  const { clearValues, problems } = inspectEncryptedDocument(parseAllDocuments(encrypted)[0]?.toJS());
  if (clearValues.length > 0) throw new FluxValidationError(clearValueIssues(file, rule, clearValues, ctx.cwd));

  try {
    writeFileAtomic(full, encrypted, { overwrite: force });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') refuseExisting(file);
    throw e;
  }
  const recipients = rule.keyGroups.flatMap((group) => group.map((r) => r.id));
  ctx.io.out(
    `wrote ${file}: Secret ${namespace !== undefined ? `${namespace}/` : ''}${name} with ${entries.length} ` +
      `key${entries.length === 1 ? '' : 's'}, encrypted for ${recipients.join(', ')} by ${describeRule(rule, ctx.cwd)}`,
  );
  for (const problem of problems) {
    ctx.io.err(`warning: ${file}: ${problem.field} ${problem.message}; ${problem.fix}`);
  }
  return 0;
}

function refuseExisting(file: string): never {
  fail({
    field: file,
    message: 'already exists',
    fix: 'pass --force to replace it, or change it with `cdk8s-flux secret edit`',
  });
}
