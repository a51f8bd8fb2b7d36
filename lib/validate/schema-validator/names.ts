/**
 * Kubernetes name rules (apimachinery's validation package, written from its documented rules): DNS-1123 labels and
 * subdomains, DNS-1035 labels, qualified names (label and annotation keys) and label values.
 */

/** What is wrong with a name, and how to fix it. */
export interface NameProblem {
  readonly message: string;
  readonly fix: string;
}

const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const LABEL_VALUE_MAX_LENGTH = 63;
const QUALIFIED_NAME_MAX_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** A DNS-1123 label: at most 63 of `a-z`, `0-9` and `-`, starting and ending alphanumeric (Namespace names). */
export function dns1123LabelProblem(value: string, what = 'a DNS-1123 label'): NameProblem | undefined {
  const fixChars = 'use lowercase letters, digits and "-", starting and ending with a letter or digit';
  return (
    lengthProblem(value, DNS1123_LABEL_MAX_LENGTH, what) ??
    (DNS1123_LABEL.test(value) ? undefined : charsetProblem(value, what, fixChars, toDns1123Label(value)))
  );
}

/** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels (most object names). */
export function dns1123SubdomainProblem(value: string, what = 'a DNS-1123 subdomain'): NameProblem | undefined {
  const fixChars =
    'use lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit';
  return (
    lengthProblem(value, DNS1123_SUBDOMAIN_MAX_LENGTH, what) ??
    (DNS1123_SUBDOMAIN.test(value) ? undefined : charsetProblem(value, what, fixChars, toDns1123Subdomain(value)))
  );
}

/** A DNS-1035 label: a DNS-1123 label that starts with a letter (Service names). */
export function dns1035LabelProblem(value: string, what = 'a DNS-1035 label'): NameProblem | undefined {
  const fixChars = 'use lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
  const suggestion = toDns1123Label(value).replace(/^[0-9-]+/, '');
  return (
    lengthProblem(value, DNS1123_LABEL_MAX_LENGTH, what) ??
    (DNS1035_LABEL.test(value) ? undefined : charsetProblem(value, what, fixChars, suggestion))
  );
}

/** A path segment name (RBAC roles and bindings): anything but `.`, `..`, or a name containing `/` or `%`. */
export function pathSegmentNameProblem(value: string): NameProblem | undefined {
  if (value === '') return { message: 'is empty', fix: 'give the object a name' };
  if (value === '.' || value === '..') {
    return { message: `may not be "${value}"`, fix: 'use a name like "app-reader"' };
  }
  if (/[/%]/.test(value)) {
    return { message: 'may not contain "/" or "%"', fix: 'use a name like "app-reader" or "system:app-reader"' };
  }
  return undefined;
}

/**
 * A label or annotation key: an optional DNS-1123 subdomain prefix and `/`, then a name of at most 63 characters of
 * `A-Za-z0-9`, `-`, `_` and `.`, starting and ending alphanumeric.
 */
export function qualifiedNameProblem(key: string): NameProblem | undefined {
  const example = 'like "app.kubernetes.io/name" or "tier"';
  const parts = key.split('/');
  if (parts.length > 2) {
    return { message: 'has more than one "/"', fix: `use an optional DNS prefix, "/" and a name, ${example}` };
  }
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined) {
    if (prefix === '')
      return { message: 'has an empty prefix before "/"', fix: `drop the "/" or add a prefix, ${example}` };
    const problem = dns1123SubdomainProblem(prefix, 'a DNS-1123 subdomain');
    if (problem) return { message: `has a prefix "${prefix}" that ${problem.message}`, fix: problem.fix };
  }
  if (name === '') return { message: 'has an empty name part', fix: `add a name, ${example}` };
  if (name.length > QUALIFIED_NAME_MAX_LENGTH) {
    return {
      message: `has a name part of ${name.length} characters, more than ${QUALIFIED_NAME_MAX_LENGTH}`,
      fix: `shorten the part after the "/" to at most ${QUALIFIED_NAME_MAX_LENGTH} characters`,
    };
  }
  if (!QUALIFIED_NAME.test(name)) {
    return {
      message: `has a name part "${name}" that is not a qualified name`,
      fix: `use letters, digits, "-", "_" and ".", starting and ending with a letter or digit, ${example}`,
    };
  }
  return undefined;
}

/** A label value: empty, or at most 63 of `A-Za-z0-9`, `-`, `_` and `.`, starting and ending alphanumeric. */
export function labelValueProblem(value: string): NameProblem | undefined {
  if (value === '') return undefined;
  if (value.length > LABEL_VALUE_MAX_LENGTH) {
    return {
      message: `is ${value.length} characters long, more than the ${LABEL_VALUE_MAX_LENGTH} a label value allows`,
      fix: `shorten it to at most ${LABEL_VALUE_MAX_LENGTH} characters, or move it to an annotation`,
    };
  }
  if (!QUALIFIED_NAME.test(value)) {
    return {
      message: 'is not a valid label value',
      fix: 'use letters, digits, "-", "_" and ".", starting and ending with a letter or digit (or an empty value), like "v1.2.0"',
    };
  }
  return undefined;
}

export function isDns1123Label(value: string): boolean {
  return dns1123LabelProblem(value) === undefined;
}

export function isDns1123Subdomain(value: string): boolean {
  return dns1123SubdomainProblem(value) === undefined;
}

function lengthProblem(value: string, max: number, what: string): NameProblem | undefined {
  if (value === '') return { message: 'is empty', fix: `use ${what}, like "my-app"` };
  if (value.length <= max) return undefined;
  return {
    message: `is ${value.length} characters long, more than the ${max} ${what} allows`,
    fix: `shorten it to at most ${max} characters`,
  };
}

function charsetProblem(value: string, what: string, fixChars: string, suggestion: string): NameProblem {
  const example = suggestion !== '' && suggestion !== value ? `, like "${suggestion}"` : ', like "my-app"';
  const reason = /[A-Z]/.test(value) ? ' (it has uppercase letters)' : '';
  return { message: `is not ${what}${reason}`, fix: `${fixChars}${example}` };
}

/** A close DNS-1123 label to suggest: lowercased, other characters turned into "-", trimmed to 63. */
function toDns1123Label(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, DNS1123_LABEL_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
}

function toDns1123Subdomain(value: string): string {
  return value
    .toLowerCase()
    .split('.')
    .map((part) => toDns1123Label(part))
    .filter((part) => part !== '')
    .join('.')
    .slice(0, DNS1123_SUBDOMAIN_MAX_LENGTH)
    .replace(/[.-]+$/, '');
}
