import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import { AppError } from "../errors.ts";
import { parseJson, validate } from "../parse.ts";

const tooLarge = (bytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${bytes} bytes.`);

/** Reads a Node request's body, refusing it as soon as it passes `bytes`. */
function readCapped(incoming: IncomingMessage, bytes: number): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (outcome: () => void) => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > bytes) return done(() => reject(tooLarge(bytes)));
      chunks.push(chunk);
    };
    const onEnd = () =>
      done(() => {
        const body = Buffer.concat(chunks);
        resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      });
    const onError = (error: Error) => done(() => reject(error));
    incoming.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

/**
 * Refuses bodies over `bytes` before reading them whole. A declared Content-Length is all it takes (Node's
 * parser holds the body to it), so the route then reads the body straight off the socket: building the web
 * Request's body stream, as a generic limit does by looking at it, costs a claim more than its queries. A body
 * sent in chunks is counted as it comes off the Node stream (or, for a web Request handed to `app.fetch`, off
 * its stream) and kept for the route.
 */
export const limitBody = (bytes: number): MiddlewareHandler => {
  const counted = bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw tooLarge(bytes);
    },
  });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number(length) > bytes) throw tooLarge(bytes);
      return next();
    }
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming) return counted(c, next);
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const body = await readCapped(incoming, bytes);
    // Hono keeps each body it has read as a promise (its type says otherwise): the route's text() reads this one.
    (c.req.bodyCache as Record<string, Promise<ArrayBuffer>>).arrayBuffer = Promise.resolve(body);
    return next();
  };
};

/** Reads a JSON request body and validates it: every route's first step. */
export async function readJson<T extends z.ZodMiniType>(c: Context, schema: T): Promise<z.output<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  return validate(schema, parseJson(await c.req.text()));
}
