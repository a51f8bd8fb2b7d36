import { ApiObject } from 'cdk8s';
import { PLAINTEXT_SECRET_REASON } from '../validate/secret-guard';

/**
 * Lets one Secret be written with clear-text `data`/`stringData`, for a stated reason (a public CA bundle, a value
 * that is not secret). Every other Secret with data must be a SopsSecret: the plaintext guard fails the synth.
 *
 * @example
 *   allowPlaintextSecret(caBundle, 'a public CA certificate');
 */
export function allowPlaintextSecret(secret: ApiObject, reason: string): void {
  if (reason.trim() === '') {
    throw new Error(`${secret.node.path}: allowPlaintextSecret needs a reason; say why this value may be public`);
  }
  secret.node.addMetadata(PLAINTEXT_SECRET_REASON, reason);
}
