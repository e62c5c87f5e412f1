import { type JWTPayload, SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import type { ErrorCode } from "../../../server/errors.ts";
import { AppError } from "../../../server/errors.ts";
import { TOKEN_MAX_AGE_SECONDS, verifyOrderToken } from "../../../server/orders/token.ts";
import { sha256 } from "../../support/signing.ts";

const SITE = "site_tokentest01";
const SECRET = "token-test-secret-0123456789abcdefghij";
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const NOW_S = NOW / 1000;

const CLAIMS = {
  currency: "EUR",
  total: 2500,
  lines: [{ product: "guppy", sku: "GUP-1", quantity: 5, unitPrice: 500 }],
  email: "Buyer@Example.com",
};

interface Sign {
  claims?: Record<string, unknown>;
  secret?: string;
  alg?: string;
  iss?: string | null;
  sub?: string | null;
  iat?: number;
  exp?: number;
}

/** A JWT as a seller's server would sign it; each field can be changed or left out. */
async function sign({
  claims = CLAIMS,
  secret = SECRET,
  alg = "HS256",
  iss = SITE,
  sub = "order-42",
  iat = NOW_S - 10,
  exp = NOW_S + 600,
}: Sign = {}) {
  const jwt = new SignJWT(claims as JWTPayload)
    .setProtectedHeader({ alg, typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  if (iss !== null) jwt.setIssuer(iss);
  if (sub !== null) jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(secret));
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function refusalCode(token: string, now = NOW): Promise<ErrorCode> {
  try {
    await verifyOrderToken(token, SITE, SECRET, now);
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error("expected the token to be refused, but it was accepted");
}

describe("verifyOrderToken", () => {
  test("a valid HS256 token maps to a paid token order", async () => {
    const order = await verifyOrderToken(await sign(), SITE, SECRET, NOW);
    expect(order).toEqual({
      siteId: SITE,
      source: "token",
      externalId: "order-42",
      keyHash: null,
      lines: CLAIMS.lines,
      total: 2500,
      currency: "EUR",
      emailHash: sha256("buyer@example.com"),
      status: "paid",
      paidAt: (NOW_S - 10) * 1000,
      sourceUpdatedAt: (NOW_S - 10) * 1000,
      paymentCustomer: null,
      paymentMethod: null,
      paymentReference: null,
    });
  });

  test("a token without email has no email hash", async () => {
    const { email: _email, ...claims } = CLAIMS;
    expect((await verifyOrderToken(await sign({ claims }), SITE, SECRET, NOW)).emailHash).toBeNull();
  });

  test("a token signed with another secret is invalid_signature", async () => {
    expect(await refusalCode(await sign({ secret: "another-secret-0123456789abcdefghijkl" }))).toBe(
      "invalid_signature",
    );
  });

  test("a token issued for another site is invalid_signature", async () => {
    expect(await refusalCode(await sign({ iss: "site_someoneelse" }))).toBe("invalid_signature");
  });

  test("a token without iss is invalid_signature", async () => {
    expect(await refusalCode(await sign({ iss: null }))).toBe("invalid_signature");
  });

  test("an expired token is invalid_signature", async () => {
    expect(await refusalCode(await sign({ iat: NOW_S - 1200, exp: NOW_S - 600 }))).toBe("invalid_signature");
  });

  test("a token that expired within the minute of clock skew is still accepted", async () => {
    const order = await verifyOrderToken(
      await sign({ iat: NOW_S - 600, exp: NOW_S - 30 }),
      SITE,
      SECRET,
      NOW,
    );
    expect(order.externalId).toBe("order-42");
  });

  test(`a token that lives longer than ${TOKEN_MAX_AGE_SECONDS} s (exp - iat) is invalid_signature, though not yet expired`, async () => {
    expect(await refusalCode(await sign({ iat: NOW_S, exp: NOW_S + TOKEN_MAX_AGE_SECONDS + 1 }))).toBe(
      "invalid_signature",
    );
  });

  test(`a token living exactly ${TOKEN_MAX_AGE_SECONDS} s is accepted`, async () => {
    const order = await verifyOrderToken(
      await sign({ iat: NOW_S, exp: NOW_S + TOKEN_MAX_AGE_SECONDS }),
      SITE,
      SECRET,
      NOW,
    );
    expect(order.paidAt).toBe(NOW);
  });

  test("a token issued more than an hour ago is invalid_signature, whatever its exp", async () => {
    expect(await refusalCode(await sign({ iat: NOW_S - 3700, exp: NOW_S + 60 }))).toBe("invalid_signature");
  });

  test("a token issued in the future (beyond the minute of skew) is invalid_signature", async () => {
    expect(await refusalCode(await sign({ iat: NOW_S + 120, exp: NOW_S + 600 }))).toBe("invalid_signature");
  });

  test("a token issued a few seconds in the future (clock skew) is accepted", async () => {
    const order = await verifyOrderToken(
      await sign({ iat: NOW_S + 30, exp: NOW_S + 600 }),
      SITE,
      SECRET,
      NOW,
    );
    expect(order.paidAt).toBe(NOW + 30_000);
  });

  test("an unsigned token (alg none) is invalid_signature", async () => {
    const payload = { ...CLAIMS, iss: SITE, sub: "order-42", iat: NOW_S, exp: NOW_S + 600 };
    const token = `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.`;
    expect(await refusalCode(token)).toBe("invalid_signature");
  });

  test("a token signed with HS512 and the right secret is invalid_signature (only HS256 is allowed)", async () => {
    expect(await refusalCode(await sign({ alg: "HS512" }))).toBe("invalid_signature");
  });

  test("a token without sub is invalid_signature", async () => {
    expect(await refusalCode(await sign({ sub: null }))).toBe("invalid_signature");
  });

  test("a token whose payload was swapped after signing is invalid_signature", async () => {
    const [header, , signature] = (await sign()).split(".");
    const forged = { ...CLAIMS, total: 1, iss: SITE, sub: "order-42", iat: NOW_S, exp: NOW_S + 600 };
    expect(await refusalCode(`${header}.${b64url(forged)}.${signature}`)).toBe("invalid_signature");
  });

  test.each(["", "not-a-token", "a.b.c", "a.b", "eyJhbGciOiJIUzI1NiJ9..."])(
    "the malformed string %j is invalid_signature",
    async (token) => {
      expect(await refusalCode(token)).toBe("invalid_signature");
    },
  );

  test.each([
    ["lines that are not an array", { lines: "guppy" }],
    ["a line with quantity 0", { lines: [{ product: "guppy", quantity: 0, unitPrice: 500 }] }],
    ["a line without product", { lines: [{ quantity: 1, unitPrice: 500 }] }],
    ["a line with a negative unit price", { lines: [{ product: "guppy", quantity: 1, unitPrice: -5 }] }],
    ["a line with a fractional unit price", { lines: [{ product: "guppy", quantity: 1, unitPrice: 4.5 }] }],
    [
      "a line with an unknown field",
      { lines: [{ product: "guppy", quantity: 1, unitPrice: 500, gift: true }] },
    ],
    ["a lower-case currency", { currency: "eur" }],
    ["no currency", { currency: undefined }],
    ["a total as a string", { total: "2500" }],
    ["a malformed email", { email: "nobody" }],
  ])("a correctly signed token with %s is invalid_request", async (_what, changes) => {
    const claims = JSON.parse(JSON.stringify({ ...CLAIMS, ...changes })) as Record<string, unknown>;
    expect(await refusalCode(await sign({ claims }))).toBe("invalid_request");
  });

  test("a correctly signed token with a fractional iat is invalid_request", async () => {
    expect(await refusalCode(await sign({ iat: NOW_S - 10.5 }))).toBe("invalid_request");
  });
});
