/**
 * Progress lines on the console. A count that moves on ("IVV: 12 of 27 quarters") rewrites its own
 * line on a terminal, so a backfill shows one line, not 27; in a pipe or a file every line stays.
 */
export function progressWriter(stream: NodeJS.WritableStream): (line: string) => void {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  const counting = /\b\d+ of \d+\b/;
  let last: string | null = null;
  return (line) => {
    const rewrite = tty && last !== null && counting.test(last) && counting.test(line);
    stream.write(`${rewrite ? '\u001b[1A\u001b[2K' : ''}${line}\n`);
    last = line;
  };
}
