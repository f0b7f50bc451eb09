/**
 * A holdings file that cannot be read as promised. The message always names the file,
 * the line (or row) and what was expected there, so a person can open the file and fix it.
 */
export class HoldingsFileError extends Error {
  override readonly name = 'HoldingsFileError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly expected: string,
    readonly found?: string,
  ) {
    const where = line === null ? file : `${file}, line ${line}`;
    const got = found === undefined ? '' : `; found ${quote(found)}`;
    super(`${where}: expected ${expected}${got}`);
  }
}

function quote(text: string): string {
  const clipped = text.length > 240 ? `${text.slice(0, 237)}...` : text;
  return JSON.stringify(clipped);
}
