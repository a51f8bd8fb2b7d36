import { IConstruct } from 'constructs';
import { ManifestRecord } from '../validate/record';

/**
 * A construct that is written as one whole file of its folder, as it is (for example an encrypted SOPS file), rather
 * than as a rendered API object.
 */
export interface ITreeFile extends IConstruct {
  /** The file name inside the folder, e.g. `secret-podinfo-secret.yaml`. */
  readonly fileName: string;
  /** The file's exact content. */
  renderContent(): string;
  /** The objects the file holds, for validation (with `encrypted: true` for SOPS documents). */
  records(file: string): ManifestRecord[];
}

/** True when `c` is written as a whole file. */
export function isTreeFile(c: IConstruct): c is ITreeFile {
  const f = c as Partial<ITreeFile>;
  return typeof f.fileName === 'string' && typeof f.renderContent === 'function' && typeof f.records === 'function';
}
