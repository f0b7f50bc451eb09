import { describe, expect, test } from 'vitest';
import { parseNport } from '../../holdings/parsers/nport-xml.ts';
import { XmlTokenizer } from '../../holdings/xml-stream.ts';

/** This thread's CPU time in ms: unlike the wall clock, it does not grow when a loaded CI machine runs other test files beside this one. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Feeds `mb` MB of spaces inside one <note> element, 64 KB at a time; returns CPU ms taken, heap growth and what the handler saw. */
function blankNode(mb: number) {
  const texts: string[] = [];
  let closes = 0;
  const tok = new XmlTokenizer({ open() {}, text: (t) => texts.push(t), close: () => void closes++ });
  const chunk = ' '.repeat(64 * 1024 - 1) + '\n';
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const t0 = cpuMs();
  tok.write('<root><note>');
  for (let i = 0; i < mb * 16; i++) {
    tok.write(chunk);
    if (i % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  tok.write('x</note></root>');
  tok.end();
  return { ms: cpuMs() - t0, growth: peak - heap0, texts, closes };
}

describe('XML reader is linear in its input (issue 22 item 4)', () => {
  test('64 MB of whitespace in one text node: well under a second, heap bounded, and 4× the input costs about 4× the time', () => {
    blankNode(4); // warm-up (JIT)
    const small = blankNode(16);
    const big = blankNode(64);
    console.log(`[xml] 16 MB blank text node: ${small.ms.toFixed(0)} ms CPU; 64 MB: ${big.ms.toFixed(0)} ms CPU, heap growth ${(big.growth / 1e6).toFixed(1)} MB`);
    expect(big.ms).toBeLessThan(1_000);
    // Quadratic handling made 32 MB take 30 s (16 × the 8 MB time for 4 × the input); linear is ~4×.
    expect(big.ms / Math.max(small.ms, 1)).toBeLessThan(8);
    // The text is not held: 64 MB of input, a few MB of heap at most.
    expect(big.growth).toBeLessThan(24 * 1024 * 1024);
    // What the handler sees is still right: one text, the blank run kept short, then the x; lines counted.
    expect(big.texts).toHaveLength(1);
    expect(big.texts[0]!.trim()).toBe('x');
    expect(big.closes).toBe(2);
  });

  test('text split across chunks (entities, blank runs between words) reads as it did unsplit', () => {
    const read = (pieces: string[]) => {
      const texts: string[] = [];
      const tok = new XmlTokenizer({ open() {}, text: (t) => texts.push(t), close() {} });
      for (const p of pieces) tok.write(p);
      tok.end();
      return texts;
    };
    const whole = '<a><b>AT&amp;T   Inc</b><c> </c><d>x&#38;y</d></a>';
    const expected = read([whole]);
    expect(expected).toEqual(['AT&T   Inc', 'x&y']);
    // Every split point, including inside "&amp;" and between the blank run and "Inc".
    for (let i = 1; i < whole.length; i++) expect(read([whole.slice(0, i), whole.slice(i)]), `split at ${i}`).toEqual(expected);
    expect(read(whole.split(''))).toEqual(expected);
  });

  test('a file that ends inside a text node is still refused', () => {
    const tok = new XmlTokenizer({ open() {}, text() {}, close() {} });
    tok.write('<a>abc');
    tok.write('def');
    expect(() => tok.end()).toThrow(/ends inside a tag or text: "abcdef"/);
  });

  test('the N-PORT reader over a 64 MB blank text node answers (refuses the empty filing) in well under a second', async () => {
    async function* body() {
      yield '<edgarSubmission><formData><genInfo><repPdDate>2026-03-31</repPdDate></genInfo><invstOrSecs><invstOrSec><name>';
      const chunk = ' '.repeat(64 * 1024);
      for (let i = 0; i < 1024; i++) yield chunk;
      yield '</name></invstOrSec></invstOrSecs></formData></edgarSubmission>';
    }
    const t0 = cpuMs();
    await expect(parseNport(body(), { fund: 'X', file: 'blank.xml' })).rejects.toThrow(/blank\.xml, line 1: expected a number in <valUSD>/);
    expect(cpuMs() - t0).toBeLessThan(1_000);
  });
});
