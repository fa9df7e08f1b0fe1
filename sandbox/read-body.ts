import type { IncomingMessage } from 'node:http';

/** Bodies above this are refused with 413: nothing the OAuth clients API takes comes close. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as UTF-8, or `undefined` when it exceeds MAX_BODY_BYTES. */
export async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
