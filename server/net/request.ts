import type { IncomingHttpHeaders } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { Destination } from "./destination.ts";

export interface Outgoing {
  method: "GET" | "POST" | "PUT";
  /** Path and query on the destination's origin; the destination's own URL when absent. */
  url?: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The most of the answer's body kept; a larger answer fails the request. 0 reads and drops it. */
  maxBytes: number;
}

export interface Answered {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text ("" when dropped). */
  body: string;
}

/** The body was larger than the request allowed: a tenant's server may not fill this one's memory. */
export class AnswerTooLarge extends Error {
  override name = "AnswerTooLarge";
}

/**
 * One request to a destination that was checked (`destination.ts`), connecting to the very address that was
 * checked (a second DNS answer cannot move it into a private network), following no redirect, giving up after
 * `timeoutMs` (the whole exchange, body included). TLS is verified against the URL's host name as usual.
 */
export function requestTo(destination: Destination, outgoing: Outgoing): Promise<Answered> {
  const pinned: LookupFunction = (_host, options, callback) => {
    const { address, family } = destination;
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const url = outgoing.url ?? destination.url;
  if (url.origin !== destination.url.origin) throw new Error("a request may only go to the checked origin");
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const headers = {
    ...outgoing.headers,
    ...(outgoing.body !== undefined && { "content-length": String(Buffer.byteLength(outgoing.body)) }),
  };
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: outgoing.method,
        headers,
        lookup: pinned,
        signal: AbortSignal.timeout(outgoing.timeoutMs),
        // A connection of its own: a kept-alive one the other end dropped would fail a request it never
        // received, and the caller could no longer tell "not received" from "received, answer lost".
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (outgoing.maxBytes === 0) return;
          size += chunk.length;
          if (size > outgoing.maxBytes) {
            response.destroy(new AnswerTooLarge(`the answer is larger than ${outgoing.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(outgoing.body);
  });
}
