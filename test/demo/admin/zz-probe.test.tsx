// @vitest-environment happy-dom
import { expect, test } from "vitest";
import { ADMIN_TOKEN, testApp } from "../../support/app.ts";

test("probe", async () => {
  const harness = await testApp("sqlite");
  console.log("loc", location.href, typeof Request, Request.name, Request === globalThis.Request);
  const r = new Request("http://127.0.0.1:8787/admin/api/login", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: "a=b" },
    body: JSON.stringify({ token: ADMIN_TOKEN }),
  });
  console.log("cookie hdr kept?", r.headers.get("cookie"), r.headers.get("content-length"));
  const res = await harness.app.request(r);
  console.log(res.status, res.headers.get("set-cookie"), [...res.headers.keys()], res.constructor.name);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const r2 = new Request("http://127.0.0.1:8787/admin/api/me", { headers: { cookie } });
  console.log("r2 cookie", r2.headers.get("cookie"));
  const res2 = await harness.app.request(r2);
  console.log(res2.status, await res2.text());
  const res3 = await harness.app.request("http://127.0.0.1:8787/admin/api/me", { headers: { cookie } });
  console.log("string form", res3.status);
  expect(1).toBe(1);
  await harness.dispose();
});
