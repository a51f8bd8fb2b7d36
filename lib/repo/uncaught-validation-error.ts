import { FluxValidationError } from '../errors';

/** The validation errors a synth threw, printed as a list (and nothing else) if the program leaves them uncaught. */
const thrown = new WeakSet<FluxValidationError>();
let listening = false;

/** Prints an uncaught error: ours as its list of problems alone, any other as Node would, then ends the process. */
function onUncaught(error: unknown): void {
  if (error instanceof FluxValidationError && thrown.has(error)) {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
    return;
  }
  // Listening to uncaught errors keeps Node from ending the process itself: end it, as Node does.
  process.stderr.write(`${error instanceof Error ? (error.stack ?? String(error)) : String(error)}\n`);
  process.exit(1);
}

/**
 * Makes a validation error that a program (`cdk8s synth`'s app, a script) leaves uncaught print once, as the list of
 * its problems with the places in the program, without the lines of Node's own code it would print around it.
 * Inside a test runner (which defines a global `expect`) nothing is registered: the runner reports errors itself.
 */
export function printWhenUncaught(error: FluxValidationError): void {
  if ('expect' in globalThis) return;
  thrown.add(error);
  if (listening) return;
  listening = true;
  process.on('uncaughtException', onUncaught);
}
