import type { ErrorCode } from 'yaml';

/**
 * What each error of the `yaml` package means, in words that never quote the text: the package's own messages carry
 * source text (`Block scalar header includes extra characters: |...`), which in a secret file is a secret value.
 */
const DESCRIPTIONS: Readonly<Record<ErrorCode, string>> = {
  ALIAS_PROPS: 'an alias has a tag or anchor',
  BAD_ALIAS: 'an alias is malformed',
  BAD_DIRECTIVE: 'a directive is malformed',
  BAD_DQ_ESCAPE: 'a double-quoted value has an invalid escape',
  BAD_INDENT: 'the indentation is wrong',
  BAD_PROP_ORDER: 'an anchor or tag is misplaced',
  BAD_SCALAR_START: 'a plain value starts with a reserved character',
  BLOCK_AS_IMPLICIT_KEY: 'a block value is used as a key',
  BLOCK_IN_FLOW: 'a block value is inside a flow collection',
  DUPLICATE_KEY: 'a mapping key appears twice',
  IMPOSSIBLE: 'the text cannot be parsed',
  KEY_OVER_1024_CHARS: 'an implicit key is longer than 1024 characters',
  MISSING_CHAR: 'a closing character is missing',
  MULTILINE_IMPLICIT_KEY: 'an implicit key spans lines',
  MULTIPLE_ANCHORS: 'a node has two anchors',
  MULTIPLE_DOCS: 'the text holds more than one document',
  MULTIPLE_TAGS: 'a node has two tags',
  NON_STRING_KEY: 'a mapping key is not a string',
  RESOURCE_EXHAUSTION: 'aliases expand too much',
  TAB_AS_INDENT: 'a tab is used as indentation',
  TAG_RESOLVE_FAILED: 'a tag cannot be resolved',
  UNEXPECTED_TOKEN: 'a token is out of place',
  BAD_COLLECTION_TYPE: 'a collection has the wrong tag',
};

/** The meaning of a `yaml` package error code, without any of the source text. */
export function describeYamlError(code: ErrorCode): string {
  return DESCRIPTIONS[code] ?? 'the text is not valid YAML';
}
