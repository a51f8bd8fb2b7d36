import { hasSopsCiphertext, maskSopsCiphertext } from './mask-sops-ciphertext';

/**
 * The shape of a jest snapshot serializer (`expect.addSnapshotSerializer`, or jest's `snapshotSerializers`), written
 * out so that cdk8s-flux does not depend on jest: jest's own config and refs types pass through untouched.
 */
export interface TextSnapshotSerializer {
  /** Whether this serializer handles `value`. */
  test(value: unknown): boolean;
  /** Prints `value` with the printer jest passes, after masking. */
  serialize<Config, Refs>(
    value: unknown,
    config: Config,
    indentation: string,
    depth: number,
    refs: Refs,
    printer: (value: unknown, config: Config, indentation: string, depth: number, refs: Refs) => string,
  ): string;
}

/**
 * A jest snapshot serializer that keeps snapshots of SOPS-encrypted files stable when they are re-encrypted: every
 * string holding sops ciphertext is printed with it masked (see {@link maskSopsCiphertext}), plaintext untouched.
 *
 * @example
 *   // in a test file, or once for all in jest's `snapshotSerializers`
 *   expect.addSnapshotSerializer(sopsSnapshotSerializer);
 *   expect(synthSnapshot(app)).toMatchSnapshot();
 */
export const sopsSnapshotSerializer: TextSnapshotSerializer = {
  test: (value) => typeof value === 'string' && hasSopsCiphertext(value),
  // The masked text no longer passes `test`, so the printer prints it as the plain string it now is.
  serialize: (value, config, indentation, depth, refs, printer) =>
    printer(maskSopsCiphertext(value as string), config, indentation, depth, refs),
};
