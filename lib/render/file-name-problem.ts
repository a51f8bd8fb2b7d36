import { Issue } from '../errors';
import { KUSTOMIZATION_FILE } from './kustomization-files';

/** A file name a folder's `kustomization.yaml` can list: one path segment, a visible name, `.yaml` or `.yml`. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/;

/**
 * The problem of a file name chosen for what a folder holds, or `undefined` when it is one the folder can hold: a
 * plain `.yaml` (or `.yml`) name without folders, other than the folder's own `kustomization.yaml`.
 */
export function fileNameProblem(
  fileName: string,
  where: { readonly constructPath: string; readonly field: string },
): Issue | undefined {
  if (fileName === KUSTOMIZATION_FILE || fileName === 'kustomization.yml') {
    return {
      ...where,
      value: fileName,
      message: "is the folder's own Kustomize file, which synth writes",
      fix: 'choose another name, such as "release.yaml"',
    };
  }
  if (FILE_NAME.test(fileName)) return undefined;
  return {
    ...where,
    value: fileName,
    message: 'is not a file name a folder can hold (letters, digits, ".", "_" and "-", ending in .yaml or .yml)',
    fix: 'use a name such as "release.yaml" or "pvc.yaml", without folders',
  };
}
