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
  /** Lines fully consumed before `buf` starts. */
  private line = 1;
  private depth = 0;

  constructor(private readonly handler: XmlHandler) {}

  /** Feeds the next piece of decoded text; tokens complete in it are reported at once. */
  write(chunk: string): void {
    this.buf += chunk;
    this.drain(false);
  }

  /** The input is complete: anything left unfinished is an error. */
  end(): void {
    this.drain(true);
    if (this.buf.trim() !== '') throw new XmlError(`the file ends inside a tag or text: ${JSON.stringify(this.buf.slice(0, 40))}`, this.line);
    if (this.depth > 0) throw new XmlError(`the file ends with ${this.depth} element(s) still open (cut short?)`, this.line);
  }

  private drain(final: boolean): void {
    const s = this.buf;
    let at = 0;
    for (;;) {
      const lt = s.indexOf('<', at);
      if (lt < 0) {
        // Text after the last tag may continue in the next chunk: keep it.
        break;
      }
      if (lt > at) this.emitText(s, at, lt);
      at = lt;
      let gt: number;
      if (s.startsWith('<!--', at)) {
        gt = s.indexOf('-->', at + 4);
        if (gt < 0) break;
        this.count(s, at, gt + 3);
        at = gt + 3;
        continue;
      }
      if (s.startsWith('<![CDATA[', at)) {
        gt = s.indexOf(']]>', at + 9);
        if (gt < 0) break;
        if (this.depth > 0) this.handler.text(s.slice(at + 9, gt));
        this.count(s, at, gt + 3);
        at = gt + 3;
        continue;
      }
      gt = tagEnd(s, at + 1);
      if (gt < 0) break;
      const c = s.charCodeAt(at + 1);
      if (c === 63 /* ? */ || c === 33 /* ! */) {
        // <?xml …?> and <!DOCTYPE …>: nothing we need.
      } else if (c === 47 /* / */) {
        this.depth--;
        if (this.depth < 0) throw new XmlError(`a closing tag ${s.slice(at, gt + 1)} without an opening one`, this.line);
        this.handler.close(localName(s.slice(at + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const body = s.slice(at + 1, selfClosing ? gt - 1 : gt);
        const { name, attrs } = parseTag(body, this.line);
        this.handler.open(name, attrs, this.line);
        if (selfClosing) this.handler.close(name);
        else this.depth++;
      }
      this.count(s, at, gt + 1);
      at = gt + 1;
    }
    this.buf = s.slice(at);
    if (final && this.buf !== '' && this.buf.indexOf('<') < 0) {
      this.emitText(this.buf, 0, this.buf.length);
      this.buf = '';
    }
  }

  private emitText(s: string, from: number, to: number): void {
    let blank = true;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        blank = false;
        break;
      }
    }
    if (!blank && this.depth > 0) this.handler.text(decodeEntities(s.slice(from, to), this.line));
    this.count(s, from, to);
  }

  private count(s: string, from: number, to: number): void {
    for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) this.line++;
  }
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

function parseTag(body: string, line: number): { name: string; attrs: Record<string, string> } {
  const space = body.search(/\s/);
  const name = localName(space < 0 ? body : body.slice(0, space));
  if (name === '') throw new XmlError(`a tag without a name: <${body.slice(0, 40)}>`, line);
  const attrs: Record<string, string> = {};
  if (space >= 0) {
    ATTR.lastIndex = space;
    for (let m = ATTR.exec(body); m; m = ATTR.exec(body)) attrs[localName(m[1]!)] = decodeEntities(m[3] ?? m[4] ?? '', line);
  }
  return { name, attrs };
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
