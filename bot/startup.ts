/**
 * Runs an entry point's start-up and turns a failure into one line on stderr and exit code 2:
 * a bad key or an unreachable database is the operator's to fix, and a stack trace would only
 * hide the sentence that says how.
 */
export async function startOrExit(what: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${what} did not start: ${startupProblem(error)}\n`);
    process.exit(2);
  }
}

/** The first line of an error's message (our start-up errors are written to be read as they are). */
export function startupProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || (error instanceof Error ? error.name : 'unknown error');
}
