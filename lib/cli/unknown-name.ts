import { didYouMean } from '../sops/base/did-you-mean';

/**
 * The message for a mistyped name: `unknown command "secrte"; did you mean "secret"?`, without the suggestion when no
 * known name is close.
 *
 * @param what what the name is of (`command`, `subcommand`)
 * @param given the name as typed
 * @param known the names there are
 */
export function unknownName(what: string, given: string, known: Iterable<string>): string {
  const guess = didYouMean(given, known);
  return `unknown ${what} ${JSON.stringify(given)}${guess !== undefined ? `; did you mean ${JSON.stringify(guess)}?` : ''}`;
}
