import { Writable } from "node:stream";
import { Hono } from "hono";
import { expect, test } from "vitest";
import { requestLog } from "../../../server/http/request-log.ts";
import { createLogger } from "../../../server/log.ts";

function logged() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = new Hono();
  app.use(requestLog(createLogger("info", sink)));
  app.get("/v1/offers/:id", (c) => c.json({ id: c.req.param("id") }, 202));
  return { app, lines };
}

test("each request is one line: method, path without its query string, status and time", async () => {
  const { app, lines } = logged();
  await app.request("/v1/offers/off_1?key=wc_order_secret&token=abc", {
    headers: { authorization: "Bearer seller-token" },
  });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: "info",
    msg: "request",
    method: "GET",
    path: "/v1/offers/off_1",
    status: 202,
  });
  expect(typeof lines[0]?.ms).toBe("number");
  expect(typeof lines[0]?.time).toBe("string");
  const text = JSON.stringify(lines);
  expect(text).not.toContain("wc_order_secret");
  expect(text).not.toContain("seller-token");
});
