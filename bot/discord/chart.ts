/** The name the chart travels under; the embed points at it with `attachment://chart.png`. */
export const CHART_FILE = 'chart.png';

/** A file sent with a message: multipart `files[n]` over HTTP, an AttachmentBuilder on the gateway. */
export interface FileAttachment {
  name: string;
  data: Buffer;
  contentType: string;
}

export function pngFile(data: Buffer, name = CHART_FILE): FileAttachment {
  return { name, data, contentType: 'image/png' };
}
