import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as z from "zod/mini";
import { limitBody, readJson } from "../../../server/http/body.ts";
import { errorHandler } from "../../../server/http/errors.ts";
import { createLogger } from "../../../server/log.ts";

const Note = z.object({ note: z.string() });

/** Sends `body` to `/` with a declared length, or in chunks (Transfer-Encoding: chunked) when `chunked`. */
function send(base: string, body: string, chunked: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const request = httpRequest(`${base}/`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(bytes.length) }),
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    if (chunked) for (let at = 0; at < bytes.length; at += 1000) request.write(bytes.subarray(at, at + 1000));
    else request.write(bytes);
    request.end();
  });
}

describe("a JSON body under a size limit, over a real socket", () => {
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    const app = new Hono();
    app.onError(errorHandler(createLogger("silent")));
    app.post("/", limitBody(4096), async (c) => c.json(await readJson(c, Note)));
    const server = createAdaptorServer({ fetch: app.fetch });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());
  const fits = JSON.stringify({ note: "a goldfish" });
  const tooBig = JSON.stringify({ note: "x".repeat(5000) });

  test.each([
    ["with its length declared", false],
    ["sent in chunks", true],
  ])("a body that fits, %s, reaches the route whole", async (_how, chunked) => {
    const answer = await send(base, fits, chunked);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ note: "a goldfish" });
  });

  test.each([
    ["with its length declared", false],
    ["sent in chunks", true],
  ])("a body over the limit, %s, is 413 payload_too_large", async (_how, chunked) => {
    const answer = await send(base, tooBig, chunked);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: "payload_too_large" } });
  });

  test("a body is read straight off the Node stream: no web stream is made of the request", async () => {
    const toWeb = vi.spyOn(Readable, "toWeb");
    try {
      expect((await send(base, fits, false)).status).toBe(200);
      expect((await send(base, fits, true)).status).toBe(200);
      expect(toWeb).not.toHaveBeenCalled();
    } finally {
      toWeb.mockRestore();
    }
  });
});
