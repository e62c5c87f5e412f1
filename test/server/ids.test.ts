import { expect, test } from "vitest";
import { newId } from "../../server/ids.ts";

test("ids are the prefix and 96 random bits in base64url, never the same twice across many refills of the pool", () => {
  const ids = Array.from({ length: 5000 }, () => newId("sess"));
  for (const id of ids) expect(id).toMatch(/^sess_[A-Za-z0-9_-]{16}$/);
  expect(new Set(ids).size).toBe(ids.length);
  // No 12 bytes handed out twice: not even a part of one id repeats in another at the same place.
  const halves = ids.map((id) => id.slice(5, 13));
  expect(new Set(halves).size).toBe(halves.length);
});
