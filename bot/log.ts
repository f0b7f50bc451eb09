/** Structured log lines on stderr. Never given secrets or user tokens: callers pass ids and names only. */
export interface Logger {
  error(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

export const stderrLogger: Logger = {
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: message, ...fields })}\n`),
  info: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: message, ...fields })}\n`),
};

/** Collects lines in memory; for tests. */
export function memoryLogger(): Logger & { lines: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  return {
    lines,
    error: (fields, message) => lines.push({ level: 'error', message, fields }),
    info: (fields, message) => lines.push({ level: 'info', message, fields }),
  };
}
