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
  const boundary = `topheavy-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const head = (headers: string[]) => Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`, 'utf8');
  parts.push(head(['Content-Disposition: form-data; name="payload_json"', 'Content-Type: application/json']), Buffer.from(JSON.stringify(payload), 'utf8'), Buffer.from('\r\n'));
  files.forEach((file, i) => {
    parts.push(head([`Content-Disposition: form-data; name="files[${i}]"; filename=${quoted(file.name)}`, `Content-Type: ${file.contentType}`]), file.data, Buffer.from('\r\n'));
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { parts, length: parts.reduce((n, p) => n + p.length, 0), contentType: `multipart/form-data; boundary=${boundary}` };
}
