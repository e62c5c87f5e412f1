import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientIp, clientKey } from "../../../server/http/client-ip.ts";

describe("the client a request comes from, over a real socket", () => {
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    const app = new Hono();
    app.get("/:hops", (c) => c.text(clientIp(c, Number(c.req.param("hops")))));
    const server = createAdaptorServer({ fetch: app.fetch });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());
  const ask = async (hops: number, forwarded?: string) =>
    (await fetch(`${base}/${hops}`, { headers: forwarded ? { "x-forwarded-for": forwarded } : {} })).text();

  test("with no trusted proxy, X-Forwarded-For is ignored: the client is the socket's peer", async () => {
    expect(await ask(0, "198.51.100.1")).toBe("127.0.0.1");
  });

  test("behind one proxy, the client is the address that proxy appended, whatever the client wrote before it", async () => {
    expect(await ask(1, "203.0.113.7")).toBe("203.0.113.7");
    // Rotating the leftmost entry (written by the client) changes nothing.
    expect(await ask(1, "1.1.1.1, 203.0.113.7")).toBe("203.0.113.7");
    expect(await ask(1, "2.2.2.2, 203.0.113.7")).toBe("203.0.113.7");
  });

  test("behind two proxies, the client is the rightmost address neither added", async () => {
    expect(await ask(2, "9.9.9.9, 203.0.113.7, 10.0.0.2")).toBe("203.0.113.7");
  });

  test("with fewer addresses than trusted proxies, the leftmost one there is", async () => {
    expect(await ask(3, "203.0.113.7")).toBe("203.0.113.7");
  });
});

describe("what a limit counts an address as", () => {
  test.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["unknown", "unknown"],
  ])("%s counts as %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  test("every address of one IPv6 /64 is one client; the next /64 is another", () => {
    expect(clientKey("2001:db8:0:1::5")).toBe(clientKey("2001:db8:0:1:ffff:ffff:ffff:ffff"));
    expect(clientKey("2001:db8:0:1::5")).not.toBe(clientKey("2001:db8:0:2::5"));
  });
});
