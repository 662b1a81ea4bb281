import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}
export class MalformedBodyError extends Error {}

/** Reads a request body up to `limit` bytes; a larger one is refused before it is buffered whole. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError(`Request body over ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(`Request body over ${limit} bytes.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body as Apollo expects it: an object (or batch), undefined when empty. */
export function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (!contentType?.toLowerCase().includes('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedBodyError('The request body is not valid JSON.');
  }
}
