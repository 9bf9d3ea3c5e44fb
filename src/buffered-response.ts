/** A response's body, read whole by the transport, and whether a reader has taken it yet. */
interface Held {
  bytes: Uint8Array;
  used: boolean;
  /** The body as a stream, made the first time `body` is asked for. */
  stream?: ReadableStream<Uint8Array>;
}

const heldByResponse = new WeakMap<Response, Held>();

const utf8 = new TextDecoder();

function take(response: Response): Uint8Array {
  const held = heldByResponse.get(response) as Held;
  // As on any Response, a body is read once (Fetch standard, "consume body").
  if (held.used) throw new TypeError("Body has already been used");
  held.used = true;
  return held.bytes;
}

/** Readers that need more than text: answered by a Response made of the bytes, when one is asked for. */
const BY_NEW_RESPONSE = ["arrayBuffer", "blob", "bytes", "formData"] as const;

/**
 * The prototype of a response whose body the transport has already read:
 * `Response.prototype` (so `instanceof Response`, `status`, `headers` and the rest work as
 * before) with each body reader answering from the bytes held. One prototype for every
 * response rather than wrappers set on each, and no second `Response` built on the way of
 * `text` and `json` (which is where a JSON client reads): on every call's path, both were
 * measurable (docs/benchmarks.md).
 */
const BUFFERED_RESPONSE: Record<string, unknown> = Object.create(Response.prototype, {
  text: {
    value: async function (this: Response) {
      return utf8.decode(take(this));
    },
  },
  json: {
    value: async function (this: Response) {
      return JSON.parse(utf8.decode(take(this)));
    },
  },
  body: {
    get(this: Response) {
      const held = heldByResponse.get(this) as Held;
      held.stream ??= new Response(held.bytes as Uint8Array<ArrayBuffer>).body as ReadableStream<Uint8Array>;
      return held.stream;
    },
  },
  bodyUsed: {
    get(this: Response) {
      return (heldByResponse.get(this) as Held).used;
    },
  },
  clone: {
    value(this: Response) {
      const held = heldByResponse.get(this) as Held;
      if (held.used) throw new TypeError("Response.clone: Body has already been consumed.");
      const copy = new Response(null, { status: this.status, statusText: this.statusText, headers: this.headers });
      return holdBody(copy, held.bytes);
    },
  },
});
for (const name of BY_NEW_RESPONSE) {
  BUFFERED_RESPONSE[name] = function (this: Response) {
    const made = new Response(take(this) as Uint8Array<ArrayBuffer>, { headers: this.headers });
    return (made as unknown as Record<string, () => Promise<unknown>>)[name]?.();
  };
}

/** The body held for a response (`undefined` for one that has none), without reading it: for response validation. */
export function heldBytes(response: Response): Uint8Array | undefined {
  return heldByResponse.get(response)?.bytes;
}

/**
 * The response, its body now `bytes`: readers answer from them. The response object is
 * the one fetch returned (its own body has been read), re-prototyped.
 */
export function holdBody(response: Response, bytes: Uint8Array): Response {
  Object.setPrototypeOf(response, BUFFERED_RESPONSE);
  heldByResponse.set(response, { bytes, used: false });
  return response;
}
