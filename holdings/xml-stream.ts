/**
 * A small streaming XML tokenizer for the machine-written files we read (SEC N-PORT, EDGAR Atom):
 * elements, attributes, text and the five predefined entities plus numeric references. Comments,
 * processing instructions, DOCTYPE and CDATA are handled; DTDs and namespaces are not interpreted
 * (a prefix is dropped from names). Fed chunk by chunk, it holds only the unfinished tail of the
 * input, so a file of hundreds of MB never sits in memory.
 */
export interface XmlHandler {
  open(name: string, attrs: Readonly<Record<string, string>>, line: number): void;
  /** Text between tags, entities decoded; whitespace-only runs are skipped. */
  text(text: string): void;
  close(name: string): void;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export class XmlTokenizer {
  private buf = '';
  /** Lines fully consumed before `buf` starts (counted in text and comments, where newlines sit in practice). */
  private line = 1;
  /** Names of the open elements: a closing tag is reported by the name it closes, without slicing it out again. */
  private readonly open: string[] = [];
  /**
   * Text already taken out of `buf` whose element has not ended yet (it continues in later chunks).
   * Holding it here instead of in `buf` keeps every chunk's work proportional to the chunk: a
   * 64 MB text node is not searched again for '<' on each chunk. A run that is blank so far is kept
   * only as its first MAX_BLANK characters (its lines are counted; handlers trim anyway).
   */
  private pending: string[] = [];
  private pendingBlank = true;
  private pendingLength = 0;

  constructor(private readonly handler: XmlHandler) {}

  /** Feeds the next piece of decoded text; tokens complete in it are reported at once. */
  write(chunk: string): void {
    this.buf += chunk;
    this.drain();
  }

  /** The input is complete: anything left unfinished is an error. */
  end(): void {
    this.drain();
    if (this.buf.trim() !== '' || !this.pendingBlank) throw new XmlError(`the file ends inside a tag or text: ${JSON.stringify((this.pending.join('') + this.buf).trim().slice(0, 40))}`, this.line);
    if (this.open.length > 0) throw new XmlError(`the file ends with ${this.open.length} element(s) still open (cut short?)`, this.line);
  }

  private drain(): void {
    const s = this.buf;
    const h = this.handler;
    let at = 0;
    for (;;) {
      const lt = s.indexOf('<', at);
      // Text after the last tag may continue in the next chunk: set it aside (not in buf).
      if (lt < 0) {
        if (at < s.length) this.holdText(s, at, s.length);
        at = s.length;
        break;
      }
      if (lt > at || this.pending.length > 0) this.emitText(s, at, lt);
      at = lt;
      const c = s.charCodeAt(at + 1);
      if (c === 33 /* ! */ && s.startsWith('<!--', at)) {
        const close = s.indexOf('-->', at + 4);
        if (close < 0) break;
        this.count(s, at, close);
        at = close + 3;
        continue;
      }
      if (c === 33 && s.startsWith('<![CDATA[', at)) {
        const close = s.indexOf(']]>', at + 9);
        if (close < 0) break;
        if (this.open.length > 0) h.text(s.slice(at + 9, close));
        this.count(s, at, close);
        at = close + 3;
        continue;
      }
      const gt = tagEnd(s, at + 1);
      if (gt < 0) break;
      if (c === 63 /* ? */ || c === 33 /* ! */) {
        // <?xml …?> and <!DOCTYPE …>: nothing we need.
      } else if (c === 47 /* / */) {
        const name = this.open.pop();
        if (name === undefined) throw new XmlError(`a closing tag ${s.slice(at, gt + 1)} without an opening one`, this.line);
        h.close(name);
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const stop = selfClosing ? gt - 1 : gt;
        // Bounded scans only: an unbounded indexOf per tag would read on to the end of the buffer each time.
        let nameEnd = at + 1;
        let colon = -1;
        while (nameEnd < stop) {
          const k = s.charCodeAt(nameEnd);
          if (k === 32 || k === 10 || k === 13 || k === 9) break;
          if (k === 58 /* : */) colon = nameEnd;
          nameEnd++;
        }
        const name = colon >= 0 ? s.slice(colon + 1, nameEnd) : s.slice(at + 1, nameEnd);
        if (name === '') throw new XmlError(`a tag without a name: ${s.slice(at, Math.min(gt + 1, at + 40))}`, this.line);
        let hasAttrs = false;
        for (let i = nameEnd; i < stop; i++) {
          if (s.charCodeAt(i) === 61 /* = */) {
            hasAttrs = true;
            break;
          }
        }
        h.open(name, hasAttrs ? parseAttrs(s.slice(nameEnd, stop), this.line) : NO_ATTRS, this.line);
        if (selfClosing) h.close(name);
        else this.open.push(name);
      }
      at = gt + 1;
    }
    this.buf = at === 0 ? s : s.slice(at);
  }

  /** Reports non-blank text inside an element (with any held before it); counts the lines it spans either way. */
  private emitText(s: string, from: number, to: number): void {
    const blank = this.scanText(s, from, to) && this.pendingBlank;
    const raw = this.pending.length > 0 ? this.pending.join('') + s.slice(from, to) : s.slice(from, to);
    this.pending = [];
    this.pendingBlank = true;
    this.pendingLength = 0;
    if (!blank && this.open.length > 0) h_text(this.handler, raw, this.line);
  }

  /** Sets text aside until its end arrives; a run blank so far keeps at most MAX_BLANK characters. */
  private holdText(s: string, from: number, to: number): void {
    const blank = this.scanText(s, from, to);
    if (blank && this.pendingBlank && this.pendingLength >= MAX_BLANK) return;
    const piece = blank && this.pendingBlank ? s.slice(from, Math.min(to, from + MAX_BLANK - this.pendingLength)) : s.slice(from, to);
    this.pending.push(piece);
    this.pendingLength += piece.length;
    this.pendingBlank &&= blank;
  }

  /** Counts the lines in s[from, to); true when it is all whitespace. */
  private scanText(s: string, from: number, to: number): boolean {
    this.count(s, from, to);
    // Native scans (a regex from `from`, indexOf for newlines) rather than a loop over every character.
    NON_BLANK.lastIndex = from;
    const found = NON_BLANK.exec(s);
    return found === null || found.index >= to;
  }

  private count(s: string, from: number, to: number): void {
    for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) this.line++;
  }
}

const NON_BLANK = /[^ \t\r\n]/g;

/** Leading whitespace kept of a text run that is blank so far. */
const MAX_BLANK = 4096;

function h_text(handler: XmlHandler, raw: string, line: number): void {
  handler.text(raw.indexOf('&') < 0 ? raw : decodeEntities(raw, line));
}

/** The `>` ending a tag that starts before `from`, skipping `>` inside quoted attribute values. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

const ATTR = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});

/** Attributes of a start tag (the text after its name). */
function parseAttrs(text: string, line: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(text); m; m = ATTR.exec(text)) attrs[localName(m[1]!)] = decodeEntities(m[3] ?? m[4] ?? '', line);
  return attrs;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string, line: number): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw new XmlError(`a character reference out of range: ${whole}`, line);
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref];
    if (named === undefined) throw new XmlError(`an unknown entity ${whole}`, line);
    return named;
  });
}
