/** A response's body, read whole by the transport, and whether a reader has taken it. */
interface Held {
  bytes: Uint8Array;
  used: boolean;
  /** The body as a stream, made the first time `body` is asked for. */
  stream?: ReadableStream<Uint8Array>;
}

/**
 * Where a response keeps its held body: a symbol-keyed property rather than a WeakMap
 * entry, which costs the garbage collector on every call (docs/benchmarks.md). Not
 * enumerable by `Object.keys` or `JSON.stringify`.
 */
const HELD = Symbol("devin-v3-client.held-body");

type Holding = Response & { [HELD]?: Held };

const utf8 = new TextDecoder();

/** As fetch's `text()` decodes (Fetch standard, "UTF-8 decode": a BOM dropped, bad bytes replaced). */
const textOf = (held: Held) => utf8.decode(held.bytes);

function take(response: Response): Held {
  const held = (response as Holding)[HELD] as Held;
  // As on any Response, a body is read once (Fetch standard, "consume body").
  if (held.used) throw new TypeError("Body has already been used");
  held.used = true;
  return held;
}

/** Readers that need more than text: answered by a Response made of the bytes, when one is asked for. */
const BY_NEW_RESPONSE = ["arrayBuffer", "blob", "bytes", "formData"] as const;

/**
 * The prototype of a response whose body the transport has already read:
 * `Response.prototype` (so `instanceof Response`, `status`, `headers` and the rest work as
 * before) with each body reader answering from the body held. One prototype for every
 * response rather than wrappers set on each, and no second `Response` built on the way of
 * `text` and `json` (which is where a JSON client reads): on every call's path, both were
 * measurable (docs/benchmarks.md).
 */
const BUFFERED_RESPONSE: Record<string, unknown> = Object.setPrototypeOf(
  {
    async text(this: Response) {
      return textOf(take(this));
    },
    async json(this: Response) {
      return JSON.parse(textOf(take(this)));
    },
    get body() {
      const held = (this as unknown as Holding)[HELD] as Held;
      held.stream ??= new Response(held.bytes as Uint8Array<ArrayBuffer>).body as ReadableStream<Uint8Array>;
      return held.stream;
    },
    get bodyUsed() {
      return ((this as unknown as Holding)[HELD] as Held).used;
    },
    clone(this: Response) {
      const held = (this as Holding)[HELD] as Held;
      if (held.used) throw new TypeError("Response.clone: Body has already been consumed.");
      // A plain Response of the same bytes: a clone is read once, rarely, off the call's path.
      return new Response(held.bytes as Uint8Array<ArrayBuffer>, {
        status: this.status,
        statusText: this.statusText,
        headers: this.headers,
      });
    },
  },
  Response.prototype,
);
for (const name of BY_NEW_RESPONSE) {
  BUFFERED_RESPONSE[name] = function (this: Response) {
    const made = new Response(take(this).bytes as Uint8Array<ArrayBuffer>, { headers: this.headers });
    return (made as unknown as Record<string, () => Promise<unknown>>)[name]?.();
  };
}

/** The body held for a response as text (`undefined` for one that has none), without reading it: for response validation. */
export function heldText(response: Response): string | undefined {
  const held = (response as Holding)[HELD];
  return held && textOf(held);
}

/**
 * The response, its body now `bytes`: readers answer from them. The response object is
 * the one fetch returned (its own body has been read), re-prototyped.
 */
export function holdBody(response: Response, bytes: Uint8Array): Response {
  // Every property first, then the prototype: in V8 a property added to an object after
  // its prototype changed costs 3–5 µs (a fresh shape each time), before it, well under 1
  // µs (docs/benchmarks.md). The transport marks its request on the response before this.
  (response as Holding)[HELD] = { bytes, used: false };
  Object.setPrototypeOf(response, BUFFERED_RESPONSE);
  return response;
}
