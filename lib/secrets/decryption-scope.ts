import { IConstruct } from 'constructs';
import { ResolvedSopsKey } from './sops-decryption-key';

/**
 * A folder of the tree that a cluster applies, and decrypts with its key: what a SopsSecret needs to know of the
 * folder it is in. Declared here and implemented by the repository layer's applications, so the SOPS constructs
 * never depend on the repository.
 */
export interface IDecryptionScope extends IConstruct {
  /** The key of the cluster that applies this folder, or `undefined` when the repository declares none. */
  readonly sopsDecryptionKey: ResolvedSopsKey | undefined;
}

/** True when `c` is a {@link IDecryptionScope}. */
function isDecryptionScope(c: IConstruct): c is IDecryptionScope {
  return 'sopsDecryptionKey' in c;
}

/** The nearest scope of `c` that a cluster applies and decrypts, or `undefined` when it is in none. */
export function decryptionScopeOf(c: IConstruct): IDecryptionScope | undefined {
  return [...c.node.scopes].reverse().find(isDecryptionScope);
}
