import { SopsFormat } from './format';
import { readJsonDocument, writeJsonDocument } from './json-store';
import { SopsMap } from '../core/tree';
import { readYamlDocuments } from './yaml-reader';
import { writeYamlDocuments } from './yaml-writer';

/** Reads the documents of a file in either store (JSON files hold exactly one). */
export function readDocuments(text: string, format: SopsFormat, file?: string): SopsMap[] {
  return format === 'json' ? [readJsonDocument(text, file)] : readYamlDocuments(text, file);
}

/** Writes documents in either store, as sops prints them. */
export function writeDocuments(documents: readonly SopsMap[], format: SopsFormat): string {
  if (format === 'json') {
    if (documents.length !== 1) {
      throw new RangeError(`a JSON file holds exactly one document, not ${documents.length}`);
    }
    return writeJsonDocument(documents[0]);
  }
  return writeYamlDocuments(documents);
}
