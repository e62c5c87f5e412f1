import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { postTo } from "../../../server/net/post.ts";

describe("posting to a checked destination", () => {
  test("connects to the checked address itself: a name that would resolve elsewhere (or nowhere) is never looked up again", async () => {
    const hosts: string[] = [];
    const server = createServer((request, response) => {
      hosts.push(request.headers.host ?? "");
      response.writeHead(204).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    try {
      const { status } = await postTo(
        { url: new URL(`http://never-resolvable.invalid:${port}/hook`), address: "127.0.0.1", family: 4 },
        { "content-type": "application/json" },
        "{}",
        2000,
      );
      expect(status).toBe(204);
      expect(hosts).toEqual([`never-resolvable.invalid:${port}`]);
    } finally {
      server.close();
    }
  });

  test("does not follow a redirect: the status is answered as it is", async () => {
    let followed = 0;
    const target = createServer((_request, response) => {
      followed += 1;
      response.writeHead(204).end();
    });
    await new Promise<void>((done) => target.listen(0, "127.0.0.1", done));
    const redirecting = createServer((_request, response) => {
      response
        .writeHead(307, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/` })
        .end();
    });
    await new Promise<void>((done) => redirecting.listen(0, "127.0.0.1", done));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const { status } = await postTo(
        { url: new URL(`http://127.0.0.1:${port}/`), address: "127.0.0.1", family: 4 },
        {},
        "{}",
        2000,
      );
      expect(status).toBe(307);
      expect(followed).toBe(0);
    } finally {
      redirecting.close();
      target.close();
    }
  });
});
