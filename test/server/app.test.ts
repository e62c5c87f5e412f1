import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ADMIN_TOKEN, type TestApp, testApp } from "../support/app.ts";
import { ENGINES } from "../support/engines.ts";
import { envelopeOf } from "../support/envelope.ts";

async function envelope(response: Response): Promise<{ code: string; message: string }> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const { fields: _fields, ...error } = await envelopeOf(response);
  return error;
}

describe.each(ENGINES)("health on %s", (engine) => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp(engine);
  });
  afterEach(async () => {
    await harness.dispose();
  });

  test("GET /healthz answers 200 with the store engine", async () => {
    const response = await harness.app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", store: engine });
  });

  test("GET /healthz answers 503 with the error envelope once the store is closed", async () => {
    await harness.store.close();
    const response = await harness.app.request("/healthz");
    expect(response.status).toBe(503);
    expect(await envelope(response)).toEqual({ code: "unavailable", message: expect.any(String) });
    expect(harness.logs.some((line) => line.level === "error" && line.msg === "store unreachable")).toBe(
      true,
    );
  });
});

describe("transport security", () => {
  test.each([
    ["https://offers.example", "max-age=31536000; includeSubDomains"],
    ["http://127.0.0.1:8787", null],
  ])("with PUBLIC_URL %s, Strict-Transport-Security is %s on every answer", async (publicUrl, expected) => {
    const harness = await testApp("sqlite", { env: { PUBLIC_URL: publicUrl } });
    try {
      for (const path of ["/healthz", "/robots.txt", "/v1/nowhere", "/admin/api/me"]) {
        expect((await harness.app.request(path)).headers.get("strict-transport-security")).toBe(expected);
      }
    } finally {
      await harness.dispose();
    }
  });
});

describe("the HTTP surface", () => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await testApp("sqlite");
  });
  afterEach(async () => {
    await harness.dispose();
  });

  test("GET /robots.txt disallows every crawler everywhere", async () => {
    const response = await harness.app.request("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const lines = (await response.text()).split("\n").map((line) => line.trim());
    expect(lines).toContain("User-agent: *");
    expect(lines).toContain("Disallow: /");
  });

  test.each(["/nope", "/v1/nope", "/v1/hooks/woocommerce", "/favicon.ico"])(
    "an unknown path %s answers 404 with the envelope",
    async (path) => {
      const response = await harness.app.request(path);
      expect(response.status).toBe(404);
      expect((await envelope(response)).code).toBe("not_found");
    },
  );

  test("an unknown admin path, with the token, answers 404 with the envelope", async () => {
    const response = await harness.admin("/nope");
    expect(response.status).toBe(404);
    expect((await envelope(response)).code).toBe("not_found");
  });

  test("a request writes exactly one JSON log line with method, path, status and time", async () => {
    const response = await harness.app.request("/healthz");
    expect(response.status).toBe(200);
    const text = harness.logText();
    const lines = text.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      path: "/healthz",
      status: 200,
    });
    expect(line.ms).toEqual(expect.any(Number));
    expect(line.ms).toBeGreaterThanOrEqual(0);
    expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });

  test("the request log line carries the status actually answered", async () => {
    await harness.app.request("/nope", { method: "POST" });
    await harness.admin("/sites", { method: "POST", json: { name: "Fish shop" } });
    expect(harness.logs.map((line) => [line.method, line.path, line.status])).toEqual([
      ["POST", "/nope", 404],
      ["POST", "/admin/api/sites", 201],
    ]);
  });

  test("the query string never reaches the log", async () => {
    await harness.app.request("/healthz?key=wc_order_secret");
    await harness.app.request("/nope?key=wc_order_secret&ref=another_secret_ref");
    await harness.admin("/sites?token=wc_order_secret");
    const text = harness.logText();
    expect(harness.logs).toHaveLength(3);
    expect(harness.logs[0]).toMatchObject({ path: "/healthz", status: 200 });
    expect(text).not.toContain("wc_order_secret");
    expect(text).not.toContain("another_secret_ref");
    expect(text).not.toContain("key=");
    expect(text).not.toContain("?");
  });

  test("request headers, such as the admin token, never reach the log", async () => {
    await harness.admin("/sites", {
      method: "POST",
      json: { name: "Fish shop" },
      headers: { cookie: "session=cookie_value_123" },
    });
    await harness.app.request("/admin/api/sites", {
      headers: { authorization: "Bearer wrong-but-secret-token-xyz" },
    });
    const text = harness.logText();
    expect(harness.logs).toHaveLength(2);
    expect(text).not.toContain(ADMIN_TOKEN);
    expect(text).not.toContain("wrong-but-secret-token-xyz");
    expect(text).not.toContain("cookie_value_123");
  });

  test("admin answers are marked private: not cached, not indexed", async () => {
    const response = await harness.admin("/sites");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  describe("a malformed request answers the envelope, never 5xx", () => {
    const post = (body: BodyInit, headers: Record<string, string>) =>
      harness.admin("/sites", { method: "POST", body, headers });

    afterEach(async () => {
      // Nothing was created, and nothing was logged as a failure of ours.
      expect(await harness.store.sites.list()).toEqual([]);
      expect(harness.logs.filter((line) => line.level !== "info")).toEqual([]);
      expect(harness.logs.every((line) => typeof line.status === "number" && line.status < 500)).toBe(true);
    });

    test.each(['{"name": "Fish shop"', "not json", "", "{'name': 'Fish shop'}"])(
      "malformed JSON %j is 400 invalid_json",
      async (body) => {
        const response = await post(body, { "content-type": "application/json" });
        expect(response.status).toBe(400);
        expect((await envelope(response)).code).toBe("invalid_json");
      },
    );

    test.each([
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonp",
    ])("content type %s is 415 unsupported_media_type", async (type) => {
      const response = await post('{"name":"Fish shop"}', { "content-type": type });
      expect(response.status).toBe(415);
      expect((await envelope(response)).code).toBe("unsupported_media_type");
    });

    test("no content type at all is 415 unsupported_media_type", async () => {
      const response = await harness.admin("/sites", { method: "POST", body: '{"name":"Fish shop"}' });
      expect(response.status).toBe(415);
      expect((await envelope(response)).code).toBe("unsupported_media_type");
    });

    test("JSON with a charset is accepted as JSON", async () => {
      const response = await harness.app.request("/admin/api/sites", {
        method: "POST",
        body: '{"name":"Fish shop"}',
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          "content-type": "application/json; charset=utf-8",
        },
      });
      expect(response.status).toBe(201);
      await harness.store.sites.remove((await response.json()).site.id);
    });

    test.each([
      ["a JSON array", "[]"],
      ["a JSON string", '"Fish shop"'],
      ["null", "null"],
    ])("a body that is %s is 400 invalid_request", async (_, body) => {
      const response = await post(body, { "content-type": "application/json" });
      expect(response.status).toBe(400);
      expect((await envelope(response)).code).toBe("invalid_request");
    });

    const big = JSON.stringify({ name: "Fish shop", padding: "x".repeat(64 * 1024) });

    test("a body over 64 KB with its length declared is 413 payload_too_large", async () => {
      const response = await post(big, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(big)),
      });
      expect(response.status).toBe(413);
      expect((await envelope(response)).code).toBe("payload_too_large");
    });

    test("a body over 64 KB streamed without a declared length is 413 payload_too_large", async () => {
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 8192) controller.enqueue(bytes.slice(at, at + 8192));
          controller.close();
        },
      });
      const response = await harness.app.request("/admin/api/sites", {
        method: "POST",
        body: stream,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      expect((await envelope(response)).code).toBe("payload_too_large");
    });
  });
});
