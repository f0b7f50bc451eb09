import { randomBytes } from 'node:crypto';
import type { FileAttachment } from './chart.ts';

export interface MultipartBody {
  body: Buffer;
  contentType: string;
}

/** The same body as its parts, for writing to a socket without copying the files into one buffer. */
export interface MultipartParts {
  parts: Buffer[];
  length: number;
  contentType: string;
}

/**
 * Boundaries: a random tag drawn once per process, and a counter. The boundary must not occur in
 * the parts; the tag is 96 random bits that only Discord ever sees (in our answers' headers), so
 * no user can put it into a card's text, and a chart's PNG holding it by chance is out of reach.
 * Drawing fresh random bytes for every answer cost about 1% of the endpoint's CPU.
 */
const PROCESS_TAG = randomBytes(12).toString('hex');
let sequence = 0;

/** Quotes a form-data parameter: the file names are ours, but a quote or newline must never split the header. */
const quoted = (s: string) => `"${s.replace(/["\r\n\\]/g, '_')}"`;

/**
 * A message with files as Discord wants it (interaction responses and webhook edits alike):
 * multipart/form-data with the JSON in `payload_json` and the n-th file in `files[n]`, which the
 * JSON's `attachments[].id` and `attachment://name` refer to. Built by hand because both the
 * HTTP server's response and the webhook request need the bytes and the boundary, and
 * node:http has no FormData encoder of its own.
 */
export function multipartMessage(payload: unknown, files: readonly FileAttachment[]): MultipartBody {
  const { parts, length, contentType } = multipartParts(payload, files);
  return { body: Buffer.concat(parts, length), contentType };
}

/** multipartMessage's body as parts: the files are the callers' own buffers (a cached chart), not copies. */
export function multipartParts(payload: unknown, files: readonly FileAttachment[]): MultipartParts {
  const boundary = `topheavy-${PROCESS_TAG}-${(sequence++).toString(36)}`;
  const parts: Buffer[] = [];
  const head = (headers: string[]) => Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8');
  parts.push(head(['Content-Disposition: form-data; name="payload_json"', 'Content-Type: application/json']), Buffer.from(JSON.stringify(payload), 'utf8'), Buffer.from('\r\n'));
  files.forEach((file, i) => {
    parts.push(head([`Content-Disposition: form-data; name="files[${i}]"; filename=${quoted(file.name)}`, `Content-Type: ${file.contentType}`]), file.data, Buffer.from('\r\n'));
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { parts, length: parts.reduce((n, p) => n + p.length, 0), contentType: `multipart/form-data; boundary=${boundary}` };
}
