import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { AnswerTooLarge, requestTo } from "../../../server/net/request.ts";

describe("a request to a checked destination", () => {
  let close: () => void = () => {};
  afterEach(() => close());

  async function serve(listener: RequestListener) {
    const server = createServer(listener);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    close = () => {
      server.closeAllConnections();
      server.close();
    };
    const { port } = server.address() as AddressInfo;
    return { url: new URL(`http://shop.invalid:${port}/wp-json`), address: "127.0.0.1", family: 4 as const };
  }

  test("sends the method, headers and body to the checked address, and answers the status, headers and body", async () => {
    const seen: string[] = [];
    const destination = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        seen.push(
          `${request.method} ${request.url} ${request.headers.host} ${request.headers.authorization} ${body}`,
        );
        response.writeHead(201, { "x-wp-totalpages": "3" }).end('{"id":7}');
      });
    });
    const answer = await requestTo(destination, {
      method: "POST",
      url: new URL(`${destination.url.origin}/wp-json/wc/v3/orders?x=1`),
      headers: { authorization: "Basic abc", "content-type": "application/json" },
      body: '{"a":1}',
      timeoutMs: 2000,
      maxBytes: 1000,
    });
    expect(answer).toMatchObject({ status: 201, body: '{"id":7}', headers: { "x-wp-totalpages": "3" } });
    expect(seen).toEqual([`POST /wp-json/wc/v3/orders?x=1 ${destination.url.host} Basic abc {"a":1}`]);
  });

  test("an answer larger than allowed fails the request: a tenant's server cannot fill this one's memory", async () => {
    const destination = await serve((_request, response) => response.end("x".repeat(5000)));
    await expect(
      requestTo(destination, { method: "GET", headers: {}, timeoutMs: 2000, maxBytes: 1000 }),
    ).rejects.toBeInstanceOf(AnswerTooLarge);
  });

  test("a server that does not answer in time fails the request", async () => {
    const destination = await serve(() => {});
    await expect(
      requestTo(destination, { method: "GET", headers: {}, timeoutMs: 200, maxBytes: 1000 }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });

  test("only the checked origin may be asked", async () => {
    const destination = await serve((_request, response) => response.end());
    expect(() =>
      requestTo(destination, {
        method: "GET",
        url: new URL("http://elsewhere.invalid/"),
        headers: {},
        timeoutMs: 200,
        maxBytes: 0,
      }),
    ).toThrow("checked origin");
  });
});
