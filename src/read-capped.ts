/**
 * The body's size as fetch hands it over, when the headers tell it: a Content-Length of a
 * body that is not compressed. A browser shows a cross-origin (`cors`) response's
 * Content-Length, the size as sent, but hides its Content-Encoding unless the server
 * exposes it (Fetch standard, CORS-safelisted response-header names): there a length says
 * nothing about the body read, which may be a small gzip bomb.
 */
function declaredBodyLength(response: Response): number | undefined {
  const length = response.headers.get("content-length");
  if (length === null || response.type === "cors" || response.headers.has("content-encoding")) return undefined;
  return Number(length);
}

/**
 * A response body read whole, or `undefined` as soon as it passes `limit` bytes (the read
 * is then stopped and the body cancelled). The count is of bytes as fetch hands them
 * over, after any decompression, so neither an endless body nor a small gzip bomb can
 * grow the process; a declared length over the limit (of an uncompressed body) is refused
 * before anything is read.
 */
export async function readBodyCapped(response: Response, limit: number): Promise<Uint8Array | undefined> {
  const length = declaredBodyLength(response);
  if (length !== undefined && length > limit) {
    await response.body?.cancel();
    return undefined;
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
