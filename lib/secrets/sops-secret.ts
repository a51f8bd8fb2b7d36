import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { Issue } from '../errors';
import { defaultNamespaceOf } from '../flux/flux-resource-props';
import { fileNameProblem } from '../render/file-name-problem';
import { ITreeFile } from '../render/tree-file';
import { ManifestRecord } from '../validate/record';
import { IValidatedConstruct } from '../validate/validated-construct';
import { inspectEncryptedDocument } from '../sops/inspect-encrypted-document';
import { checkAgainstSopsConfig } from './cluster-key';
import { decryptionScopeOf } from './decryption-scope';

/** The encrypted file as read, or why it cannot be used. */
type LoadedFile =
  | { readonly content: string; readonly document: Record<string, unknown> }
  | { readonly issue: Issue };

/** Options of {@link SopsSecret.fromFile}. */
export interface SopsSecretOptions {
  /**
   * The Secret's expected `metadata.name`; synth fails when the file says otherwise.
   * @default the construct id
   */
  readonly name?: string;
  /**
   * The Secret's expected `metadata.namespace`; synth fails when the file says otherwise.
   * @default the namespace of the enclosing application
   */
  readonly namespace?: string;
  /**
   * The name of the file in its folder, as people name it (`secret.sops.yaml`).
   * @default "secret-<name>.yaml"
   */
  readonly fileName?: string;
}

/**
 * A Kubernetes Secret kept as a SOPS-encrypted file, copied as it is into its application's folder.
 *
 * Encryption is random, so the encrypted file (written by `cdk8s-flux secret create` or by `sops`) is the source of
 * truth: synth never sees the plaintext. It checks that the file has sops metadata and a MAC, that `apiVersion`,
 * `kind` and `metadata` are in clear text and every `data`/`stringData` value is encrypted, that name and namespace
 * are as declared, and that the repository's decryption key is among its recipients. The application it is in
 * sees that its folder holds an encrypted file and gives its Flux Kustomization `decryption`.
 *
 * @example
 *   SopsSecret.fromFile(podinfo, 'podinfo-secret', 'secrets/podinfo-secret.yaml', { namespace: 'default' });
 */
export class SopsSecret extends Construct implements ITreeFile, IValidatedConstruct {
  /**
   * A Secret from an encrypted file.
   * @param file path of the encrypted file, relative to the working directory (the project root under `cdk8s synth`)
   */
  public static fromFile(scope: Construct, id: string, file: string, options: SopsSecretOptions = {}): SopsSecret {
    return new SopsSecret(scope, id, file, options);
  }

  /** The Secret's name. */
  public readonly secretName: string;
  /** The Secret's namespace. */
  public readonly secretNamespace: string;
  /** The encrypted source file, as given. */
  public readonly sourceFile: string;
  public readonly fileName: string;
  private loaded?: LoadedFile;

  private constructor(scope: Construct, id: string, file: string, options: SopsSecretOptions) {
    super(scope, id);
    this.sourceFile = file;
    this.secretName = options.name ?? id;
    this.secretNamespace = options.namespace ?? defaultNamespaceOf(scope);
    this.fileName = options.fileName ?? `secret-${this.secretName}.yaml`;
  }

  public renderContent(): string {
    const loaded = this.load();
    return 'content' in loaded ? loaded.content : '';
  }

  public records(file: string): ManifestRecord[] {
    const loaded = this.load();
    return 'document' in loaded ? [{ manifest: loaded.document, file, constructPath: this.node.path, encrypted: true }] : [];
  }

  /**
   * Reads the file once, at synth: the file may not exist yet when the app is built (`cdk8s-flux sops init` writes
   * the `.sops.yaml` that `secret create` needs first).
   */
  private load(): LoadedFile {
    if (this.loaded !== undefined) return this.loaded;
    const where = { constructPath: this.node.path, file: this.sourceFile, field: 'file', value: this.sourceFile };
    const problem = (message: string, fix: string): LoadedFile => ({ issue: { ...where, message, fix } });
    const absolute = path.resolve(this.sourceFile);
    if (!fs.existsSync(absolute)) {
      this.loaded = problem('does not exist', 'create it with `cdk8s-flux secret create <file> ...`');
      return this.loaded;
    }
    const content = fs.readFileSync(absolute, 'utf8');
    const docs = parseAllDocuments(content);
    const parsed = Array.isArray(docs) ? docs : [];
    const doc: unknown = parsed.length === 1 && parsed[0].errors.length === 0 ? parsed[0].toJS() : undefined;
    if (parsed.length !== 1 || parsed[0].errors.length > 0) {
      this.loaded = problem(
        parsed.length === 1 ? 'is not valid YAML' : `holds ${parsed.length} documents, not one Secret`,
        'keep one encrypted Secret per file',
      );
    } else if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      this.loaded = problem('is not a Kubernetes object', 'keep one encrypted Secret per file');
    } else {
      this.loaded = { content, document: doc as Record<string, unknown> };
    }
    return this.loaded;
  }

  public validateIssues(): Issue[] {
    const issue = (field: string, message: string, fix: string, value?: string): Issue => ({
      constructPath: this.node.path,
      file: this.sourceFile,
      field,
      value,
      message,
      fix,
    });
    const nameProblem = fileNameProblem(this.fileName, { constructPath: this.node.path, field: 'fileName' });
    if (nameProblem !== undefined) return [nameProblem];
    const loaded = this.load();
    if ('issue' in loaded) return [loaded.issue];
    const info = inspectEncryptedDocument(loaded.document);
    if (!info.isSops) {
      return [
        issue(
          'sops',
          'is missing: the file is not SOPS-encrypted',
          'encrypt it with `cdk8s-flux secret create` or `sops encrypt`',
        ),
      ];
    }
    const issues = info.problems.map((p) => issue(p.field, p.message, p.fix));
    const doc = loaded.document;
    const metadata = (doc.metadata ?? {}) as Record<string, unknown>;
    if (doc.apiVersion !== 'v1' || doc.kind !== 'Secret') {
      issues.push(
        issue(
          'kind',
          `is ${String(doc.apiVersion)}/${String(doc.kind)}, not v1/Secret`,
          'use SopsSecret for Secrets only',
        ),
      );
    }
    if (metadata.name !== this.secretName) {
      issues.push(
        issue(
          'metadata.name',
          `differs from the declared name "${this.secretName}"`,
          'make the file and the construct agree',
          String(metadata.name),
        ),
      );
    }
    const namespace = metadata.namespace ?? undefined;
    if (namespace !== undefined && namespace !== this.secretNamespace) {
      issues.push(
        issue(
          'metadata.namespace',
          `differs from the declared namespace "${this.secretNamespace}"`,
          'make the file and the construct agree (or pass `namespace`)',
          typeof namespace === 'string' ? namespace : JSON.stringify(namespace),
        ),
      );
    }
    const folder = decryptionScopeOf(this);
    const key = folder?.sopsDecryptionKey;
    if (folder === undefined) {
      issues.push(
        issue(
          'scope',
          'is not inside a folder of a repository',
          "create the SopsSecret inside repo.service(...), repo.infrastructure(...) or repo.folder(...)",
        ),
      );
    } else if (key === undefined) {
      issues.push(
        issue(
          'sops',
          `is used in ${folder.node.path}, but the repository declares no decryption key`,
          'set `sops: { ageRecipient: "age1..." }` (or pgpFingerprint) on the GitOpsRepository',
        ),
      );
    } else {
      const forAge = key.ageRecipient !== undefined && info.ageRecipients.includes(key.ageRecipient);
      const forPgp = key.pgpFingerprint !== undefined && info.pgpFingerprints.includes(key.pgpFingerprint);
      if (!forAge && !forPgp) {
        issues.push(
          issue(
            'sops',
            `is not encrypted for the cluster key (${[key.ageRecipient, key.pgpFingerprint].filter(Boolean).join(', ')}); its recipients are ${[...info.ageRecipients, ...info.pgpFingerprints].join(', ') || 'none'}`,
            'add the cluster key to .sops.yaml and run `cdk8s-flux secret updatekeys <file>`',
          ),
        );
      }
      issues.push(...checkAgainstSopsConfig(this, this.sourceFile, key));
    }
    return issues;
  }
}
