import { Issue } from '../errors';
import { isPlainObject } from '../sops/base/plain-object';
import { ManifestRecord } from './record';

/** An encrypted empty string, as sops writes it: the ciphertext after `data:` is empty. */
const ENCRYPTED_EMPTY = /^ENC\[AES256_GCM,data:,/;

function isEmptyValue(value: unknown): boolean {
  return value === null || value === '' || (typeof value === 'string' && ENCRYPTED_EMPTY.test(value));
}

/**
 * Secret values that verify but that Kubernetes would blank or override, whatever made the Secret (a SopsSecret, a
 * clear-text Secret allowed on purpose, a hand-written file): an empty value, and a key written in both `data` and
 * `stringData` (the API server merges `stringData` over `data`, so an added `stringData.password: ""` blanks the
 * password). Neither is visible to sops' MAC when only encrypted values are authenticated. Issues name the field,
 * never the value.
 */
export function checkSecretValues(records: readonly ManifestRecord[]): Issue[] {
  const issues: Issue[] = [];
  for (const r of records) {
    const m = r.manifest;
    if (r.external || m.kind !== 'Secret') continue;
    const where = { constructPath: r.constructPath, file: r.file };
    const data = isPlainObject(m.data) ? m.data : {};
    const stringData = isPlainObject(m.stringData) ? m.stringData : {};
    for (const [section, values] of [
      ['data', data],
      ['stringData', stringData],
    ] as const) {
      for (const [key, value] of Object.entries(values)) {
        if (isEmptyValue(value)) {
          issues.push({
            ...where,
            field: `${section}.${key}`,
            message: 'is empty, so the Secret would hold an empty value',
            fix: 'set the value, or remove the key',
          });
        }
      }
    }
    for (const key of Object.keys(stringData)) {
      if (key in data) {
        issues.push({
          ...where,
          field: `stringData.${key}`,
          message: 'is also in data; the API server lets stringData override data, so one of the two is lost',
          fix: 'keep the key in only one of data and stringData',
        });
      }
    }
  }
  return issues;
}
