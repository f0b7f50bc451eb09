/** The text encodings a holdings file may come in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'windows-1252';

export type Decoded = { ok: true; encoding: TextEncoding; text: string } | { ok: false; tried: string };

/** What is tried, in order, named as a person would: said in the refusal of an ambiguous file. */
const TRIED = 'UTF-8, UTF-16, Shift-JIS (cp932) and Windows-1252';

/** Bytes windows-1252 leaves undefined: a file holding one is not windows-1252. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const decode = (encoding: string, bytes: Uint8Array, fatal = true): string | null => {
  try {
    return new TextDecoder(encoding, { fatal }).decode(bytes);
  } catch {
    return null;
  }
};

/** 0x80–0x9F of windows-1252 (Node's decoder for that label gives Latin-1's C1 controls instead); the rest is Latin-1. */
const HIGH_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** windows-1252, by its table; null when a byte it leaves undefined is present. */
export function decode1252(bytes: Uint8Array): string | null {
  let out = '';
  for (const b of bytes) {
    if (UNDEFINED_1252.has(b)) return null;
    out += b >= 0x80 && b <= 0x9f ? HIGH_1252[b - 0x80] : String.fromCharCode(b);
  }
  return out;
}

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte, on the odd (LE) or even (BE) side. */
function utf16Side(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Latin text as windows-1252: every non-ASCII character a Latin-1 letter or common punctuation,
 * in short runs inside words ("Société", "Nestlé", "€ 1,000"). Japanese read as 1252 gives long
 * runs of symbols instead (a four-kanji name is eight non-ASCII bytes in a row).
 */
function looksLatin(text: string): boolean {
  let run = 0;
  let seen = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      run = 0;
      continue;
    }
    seen++;
    const latin = (c >= 0xa0 && c <= 0xff) || '€‚„…†‡‰‹›‘’“”•–—™ŠšŒœŽžŸƒˆ˜'.includes(ch);
    if (!latin || ++run > 3) return false;
  }
  return seen > 0;
}

/** Japanese as Shift-JIS: kana, or ideographs two or more in a row (a 1252 "é" + letter read as SJIS gives one lone kanji). */
function looksJapanese(text: string): boolean {
  if (/[\u3041-\u30ff]/.test(text)) return true;
  return /[\u4e00-\u9fff\u3005\u3000-\u303f\uff01-\uff5e]{2,}/.test(text);
}

/**
 * Decides a text file's encoding from its bytes: a BOM, UTF-16's NUL pattern, strict UTF-8,
 * then Shift-JIS (cp932) against Windows-1252 by what each reading looks like. A file both
 * readings fit, or neither, is refused rather than guessed: a wrong guess turns every name in
 * it into mojibake without a word.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decode('utf-8', bytes.subarray(3));
    return text === null ? { ok: false, tried: TRIED } : { ok: true, encoding: 'utf-8', text };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, encoding: 'utf-16le', text: decode('utf-16le', bytes.subarray(2), false)! };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, encoding: 'utf-16be', text: decode('utf-16be', bytes.subarray(2), false)! };
  const side = utf16Side(bytes);
  if (side) return { ok: true, encoding: side, text: decode(side, bytes, false)! };
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, encoding: 'utf-8', text: utf8 };
  const sjis = decode('shift_jis', bytes);
  const cp1252 = decode1252(bytes);
  // Only one reading is possible (e.g. a cp932 ’ is 0x81 0x66, and 0x81 is no windows-1252 byte): that one.
  if (sjis !== null && cp1252 === null) return { ok: true, encoding: 'shift_jis', text: sjis };
  if (cp1252 !== null && sjis === null) return { ok: true, encoding: 'windows-1252', text: cp1252 };
  const japanese = sjis !== null && looksJapanese(sjis);
  const latin = cp1252 !== null && looksLatin(cp1252);
  if (japanese && !latin) return { ok: true, encoding: 'shift_jis', text: sjis };
  if (latin && !japanese) return { ok: true, encoding: 'windows-1252', text: cp1252 };
  return { ok: false, tried: TRIED };
}
