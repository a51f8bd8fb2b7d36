import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { Issue, fail } from '../errors';
import { defaultNamespaceOf } from '../flux/flux-resource-props';
import { Application } from '../repo/application';
import { TreeFolder } from '../repo/tree-folder';
import { ITreeFile } from '../render/tree-file';
import { ManifestRecord } from '../validate/record';
import { IValidatedConstruct } from '../validate/validated-construct';
import { inspectEncryptedDocument } from './encrypted-document';
import { checkAgainstSopsConfig, clusterKeyOf } from './cluster-key';

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
}

/**
 * A Kubernetes Secret kept as a SOPS-encrypted file, copied as it is into its application's folder.
 *
 * Encryption is random, so the encrypted file (written by `cdk8s-flux secret create` or by `sops`) is the source of
 * truth: synth never sees the plaintext. It checks that the file has sops metadata and a MAC, that `apiVersion`,
 * `kind` and `metadata` are in clear text and every `data`/`stringData` value is encrypted, that name and namespace
 * are as declared, and that the repository's decryption key is among its recipients; the application's Flux
 * Kustomization gets `decryption` for it.
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
  private readonly content: string;
  private readonly document: Record<string, unknown>;

  private constructor(scope: Construct, id: string, file: string, options: SopsSecretOptions) {
    super(scope, id);
    this.sourceFile = file;
    this.secretName = options.name ?? id;
    this.secretNamespace = options.namespace ?? defaultNamespaceOf(scope);
    this.fileName = `secret-${this.secretName}.yaml`;
    const where = { constructPath: this.node.path, field: 'file', value: file };
    const absolute = path.resolve(file);
    if (!fs.existsSync(absolute)) {
      fail({ ...where, message: 'does not exist', fix: 'create it with `cdk8s-flux secret create <file> ...`' });
    }
    this.content = fs.readFileSync(absolute, 'utf8');
    const docs = parseAllDocuments(this.content);
    const parsed = Array.isArray(docs) ? docs : [];
    if (parsed.length !== 1 || parsed[0].errors.length > 0) {
      fail({
        ...where,
        message: parsed.length === 1 ? 'is not valid YAML' : `holds ${parsed.length} documents, not one Secret`,
        fix: 'keep one encrypted Secret per file',
      });
    }
    const doc: unknown = parsed[0].toJS();
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      fail({ ...where, message: 'is not a Kubernetes object', fix: 'keep one encrypted Secret per file' });
    }
    this.document = doc as Record<string, unknown>;
    const folder = TreeFolder.enclosing(this);
    const key = Application.isApplication(folder) ? folder.repository.sopsKey : undefined;
    if (Application.isApplication(folder) && key !== undefined) {
      folder.kustomization.enableSopsDecryption(key.secretName);
    }
  }

  public renderContent(): string {
    return this.content;
  }

  public records(file: string): ManifestRecord[] {
    return [{ manifest: this.document, file, constructPath: this.node.path, encrypted: true }];
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
    const info = inspectEncryptedDocument(this.document);
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
    const doc = this.document;
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
    const folder = TreeFolder.enclosing(this);
    const key = clusterKeyOf(this);
    if (!Application.isApplication(folder)) {
      issues.push(
        issue(
          'scope',
          'is not inside an application',
          'create the SopsSecret inside repo.service(...) or repo.infrastructure(...)',
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
