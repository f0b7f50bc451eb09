import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readDoc } from '../../holdings/doc.ts';
import { decode1252, decodeText } from '../../holdings/encoding.ts';
import { HoldingsFileError } from '../../holdings/errors.ts';

const LATIN = 'Ticker,Name,Weight (%)\nGLE,Société Générale,1.50\nNESN,Nestlé SA,2.00\nOR,L’Oréal,1.00\nMUV2,Münchener Rück,0.75\n';
/** windows-1252 bytes of LATIN, encoded here by its own table (Latin-1 plus the ’ at 0x92). */
const latinBytes = () => Buffer.from([...LATIN].map((ch) => (ch === '’' ? 0x92 : ch.charCodeAt(0))));
/** The hand-made JPX fixture: Shift-JIS, as the exchange publishes it. */
const JPX = path.resolve(import.meta.dirname, '../fixtures/jpx/TEST_topixweight_j.csv');

describe('text encodings are told by content', () => {
  test('a Windows-1252 CSV is read as Windows-1252, names intact (it used to come out as Shift-JIS mojibake)', async () => {
    const decoded = decodeText(latinBytes());
    expect(decoded).toEqual({ ok: true, encoding: 'windows-1252', text: LATIN });
    const doc = await readDoc('eu.csv', latinBytes());
    expect(doc).toMatchObject({ kind: 'text', encoding: 'windows-1252' });
    if (doc.kind === 'text') expect(doc.text).toContain('Société Générale');
  });

  test('the JPX file (Shift-JIS) is still read as Shift-JIS, its kana and kanji intact', () => {
    const bytes = readFileSync(JPX);
    const decoded = decodeText(bytes);
    expect(decoded.ok && decoded.encoding).toBe('shift_jis');
    // Independently decoded by the platform's own Shift-JIS table.
    if (decoded.ok) expect(decoded.text).toBe(new TextDecoder('shift_jis').decode(bytes));
  });

  test.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LATIN, 'utf8')]), 'utf-8'],
    ['UTF-8 without a BOM', Buffer.from(LATIN, 'utf8'), 'utf-8'],
    ['UTF-16LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LATIN, 'utf16le')]), 'utf-16le'],
    ['UTF-16LE without a BOM', Buffer.from(LATIN, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LATIN, 'utf16le').swap16()]), 'utf-16be'],
    ['UTF-16BE without a BOM', Buffer.from(LATIN, 'utf16le').swap16(), 'utf-16be'],
  ])('%s → %s, the same text', (_name, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.ok && decoded.encoding).toBe(encoding);
    expect(decoded.ok && decoded.text.replace(/^\uFEFF/, '')).toBe(LATIN);
  });

  test('bytes that fit no encoding are refused with the encodings tried, and the store never sees mojibake', async () => {
    // 0x81 then a space: not a Shift-JIS pair, and 0x81 is undefined in Windows-1252.
    const bytes = Buffer.concat([Buffer.from('Ticker,Name,Weight\nAAA,'), Buffer.from([0x81, 0x20]), Buffer.from(',1.0\n')]);
    expect(decodeText(bytes)).toEqual({ ok: false, tried: 'UTF-8, UTF-16, Shift-JIS (cp932) and Windows-1252' });
    const error = await readDoc('odd.csv', bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HoldingsFileError);
    expect((error as Error).message).toBe('odd.csv: expected text in one encoding (tried UTF-8, UTF-16, Shift-JIS (cp932) and Windows-1252; save it as UTF-8); found "bytes that fit none, or more than one"');
  });

  test('bytes both readings fit (Japanese-looking as Shift-JIS and Latin-looking as 1252) are refused rather than guessed', () => {
    // "ƒAƒ" in 1252 is 0x83 0x41 0x83 …; as Shift-JIS 0x83 0x41 0x83 0x43 is "アイ" (katakana).
    const bytes = Buffer.from([0x41, 0x83, 0x41, 0x83, 0x43, 0x42]);
    expect(new TextDecoder('shift_jis').decode(bytes)).toBe('AアイB');
    expect(decode1252(bytes)).toBe('AƒAƒCB');
    expect(decodeText(bytes).ok).toBe(false);
  });
});
