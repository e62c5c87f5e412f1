import { describe, expect, test } from "vitest";
import type { OrderReference } from "../../server/contract/session.ts";
import type { WidgetConfig } from "../../server/contract/snippet.ts";
import { findOrderReference } from "../../widget/order-ref.ts";

const SITE = "site_8fKq2LmZ";
const KEY = "wc_order_58d2d042d1d";
const CS_TEST = "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY";
const CS_LIVE = "cs_live_b1Zq9XwV3tR7yU2iO8pA4sD6fG0hJ5kL9zX3cV7bN1mQ";
const TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJvcmRlciI6IjcyNyJ9.c2lnbmF0dXJl";

const plain: WidgetConfig = { site: SITE };
const withRef: WidgetConfig = { site: SITE, orderParam: "ref" };

/** The page's location as the browser gives it: the URL parsed, its path and query still encoded. */
function at(url: string): { pathname: string; search: string } {
  const parsed = new URL(url, "https://fish.example");
  return { pathname: parsed.pathname, search: parsed.search };
}

const woo = (id: string, key = KEY): OrderReference => ({ source: "woocommerce", id, key });
const stripe = (checkoutSession: string): OrderReference => ({ source: "stripe", checkoutSession });
const ref = (value: string): OrderReference => ({ source: "ref", ref: value });

describe("findOrderReference on the platforms' thank-you pages", () => {
  test.each<[string, WidgetConfig, string, OrderReference | null]>([
    [
      "the token attribute wins over a WooCommerce URL",
      { site: SITE, orderToken: TOKEN },
      `/checkout/order-received/727/?key=${KEY}`,
      { source: "token", token: TOKEN },
    ],
    [
      "the token attribute wins over a Stripe URL and a seller ref",
      { site: SITE, orderToken: TOKEN, orderParam: "ref" },
      `/thanks?session_id=${CS_TEST}&ref=ORD-2026-000123-XY`,
      { source: "token", token: TOKEN },
    ],
    [
      "the token attribute is used on a page with no order in its URL",
      { site: SITE, orderToken: TOKEN },
      "/thank-you",
      { source: "token", token: TOKEN },
    ],
    ["WooCommerce pretty permalink", plain, `/checkout/order-received/727/?key=${KEY}`, woo("727")],
    [
      "WooCommerce pretty permalink without trailing slash",
      plain,
      `/checkout/order-received/727?key=${KEY}`,
      woo("727"),
    ],
    [
      "WooCommerce pretty permalink under a language prefix",
      plain,
      `/fr/commande/order-received/727/?key=${KEY}`,
      woo("727"),
    ],
    ["WooCommerce plain permalink", plain, `/?page_id=7&order-received=727&key=${KEY}`, woo("727")],
    [
      "WooCommerce plain permalink with the key first",
      plain,
      `/index.php?key=${KEY}&page_id=7&order-received=727`,
      woo("727"),
    ],
    [
      "WooCommerce order id of 20 digits (the longest allowed)",
      plain,
      `/checkout/order-received/${"9".repeat(20)}/?key=${KEY}`,
      woo("9".repeat(20)),
    ],
    ["Stripe Checkout test session", plain, `/success?session_id=${CS_TEST}`, stripe(CS_TEST)],
    ["Stripe Checkout live session", plain, `/success?session_id=${CS_LIVE}`, stripe(CS_LIVE)],
    [
      "Stripe session among other parameters",
      plain,
      `/merci?utm_source=mail&session_id=${CS_LIVE}&lang=fr`,
      stripe(CS_LIVE),
    ],
    [
      "the seller's parameter with 16 characters",
      withRef,
      "/thanks?ref=ORD-2026-00012345",
      ref("ORD-2026-00012345"),
    ],
    [
      "the seller's parameter of exactly 16 characters",
      withRef,
      "/thanks?ref=ABCDEFGHIJKLMNOP",
      ref("ABCDEFGHIJKLMNOP"),
    ],
    [
      "the seller's parameter of exactly 200 characters",
      withRef,
      `/thanks?ref=${"r".repeat(200)}`,
      ref("r".repeat(200)),
    ],
    [
      "WooCommerce before the seller's parameter",
      withRef,
      `/checkout/order-received/727/?key=${KEY}&ref=ORD-2026-00012345`,
      woo("727"),
    ],
    ["a page without any order", plain, "/checkout/", null],
    ["a WooCommerce path without key", plain, "/checkout/order-received/727/", null],
    ["a WooCommerce key without order id", plain, `/checkout/?key=${KEY}`, null],
    ["the seller's parameter when none is configured", plain, "/thanks?ref=ORD-2026-00012345", null],
  ])("%s", (_name, config, url, expected) => {
    expect(findOrderReference(config, at(url))).toEqual(expected);
  });
});

describe("findOrderReference on hostile or broken URLs", () => {
  test.each<[string, WidgetConfig, string, OrderReference | null]>([
    ["Stripe's unexpanded template", plain, "/success?session_id={CHECKOUT_SESSION_ID}", null],
    ["Stripe's unexpanded template, encoded", plain, "/success?session_id=%7BCHECKOUT_SESSION_ID%7D", null],
    [
      "a WooCommerce key carrying markup",
      plain,
      `/checkout/order-received/727/?key=${KEY}"><script>alert(1)</script>`,
      null,
    ],
    [
      "a WooCommerce key carrying encoded markup",
      plain,
      `/checkout/order-received/727/?key=${KEY}%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
      null,
    ],
    ["a WooCommerce id with letters (pretty)", plain, `/checkout/order-received/727abc/?key=${KEY}`, null],
    ["a WooCommerce id with letters (plain)", plain, `/?page_id=7&order-received=727abc&key=${KEY}`, null],
    [
      "a WooCommerce id of 30 digits (pretty)",
      plain,
      `/checkout/order-received/${"7".repeat(30)}/?key=${KEY}`,
      null,
    ],
    ["a WooCommerce id of 30 digits (plain)", plain, `/?order-received=${"7".repeat(30)}&key=${KEY}`, null],
    ["a negative WooCommerce id", plain, `/?order-received=-727&key=${KEY}`, null],
    [
      "a WooCommerce path with more after the id",
      plain,
      `/checkout/order-received/727/extra?key=${KEY}`,
      null,
    ],
    ["a key without the wc_order_ prefix", plain, "/checkout/order-received/727/?key=58d2d042d1d", null],
    ["a key that is only the prefix", plain, "/checkout/order-received/727/?key=wc_order_", null],
    ["a key with a trailing encoded newline", plain, `/checkout/order-received/727/?key=${KEY}%0A`, null],
    ["a key with an encoded NUL", plain, `/checkout/order-received/727/?key=wc_order_58d2%00d042d1d`, null],
    [
      "a key of 65 characters after the prefix",
      plain,
      `/?order-received=727&key=wc_order_${"a".repeat(65)}`,
      null,
    ],
    ["a session id that is only cs_", plain, "/success?session_id=cs_", null],
    ["a session id too short", plain, "/success?session_id=cs_test_a1", null],
    ["a session id with a slash", plain, "/success?session_id=cs_test_a1YS1URlnyQCN5fU/../../admin", null],
    [
      "an encoded slash in the session id",
      plain,
      "/success?session_id=cs_test_a1YS1URlnyQCN5fU%2F..%2Fadmin",
      null,
    ],
    [
      "a session id that is not a Checkout session",
      plain,
      "/success?session_id=pi_3MtwBwLkdIwHu7ix28a3tqPa",
      null,
    ],
    ["a session id of 251 characters after cs_", plain, `/success?session_id=cs_${"a".repeat(251)}`, null],
    ["malformed percent-encoding in the session id", plain, "/success?session_id=cs_test_%E0%A4%A%ZZ%", null],
    ["a seller ref of 15 characters", withRef, "/thanks?ref=ORD-2026-000123", null],
    ["a seller ref of 201 characters", withRef, `/thanks?ref=${"r".repeat(201)}`, null],
    ["a seller ref of 500 characters", withRef, `/thanks?ref=${"r".repeat(500)}`, null],
    ["an empty seller ref", withRef, "/thanks?ref=", null],
    [
      "a seller ref whose encoding shrinks it below 16 characters",
      withRef,
      "/thanks?ref=%41%42%43%44%45%46%47%48",
      null,
    ],
  ])("%s gives null", (_name, config, url, expected) => {
    expect(findOrderReference(config, at(url))).toEqual(expected);
  });

  test.each<[string, WidgetConfig, string, OrderReference]>([
    [
      "duplicate keys: the first one is used",
      plain,
      `/checkout/order-received/727/?key=wc_order_firstKey1&key=${KEY}`,
      woo("727", "wc_order_firstKey1"),
    ],
    [
      "duplicate plain order ids: the first one is used",
      plain,
      `/?order-received=727&order-received=999&key=${KEY}`,
      woo("727"),
    ],
    [
      "an order id in the path wins over one in the query",
      plain,
      `/checkout/order-received/727/?order-received=999&key=${KEY}`,
      woo("727"),
    ],
    [
      "duplicate session ids: the first one is used",
      plain,
      `/success?session_id=${CS_TEST}&session_id=${CS_LIVE}`,
      stripe(CS_TEST),
    ],
    [
      "a bad WooCommerce key falls through to a valid Stripe session",
      plain,
      `/checkout/order-received/727/?key=nope&session_id=${CS_TEST}`,
      stripe(CS_TEST),
    ],
    [
      "a seller ref is decoded and passed on as data, unchanged",
      withRef,
      "/thanks?ref=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      ref("<script>alert(1)</script>"),
    ],
    [
      "a seller ref with + is read as a space, as browsers encode forms",
      withRef,
      "/thanks?ref=ORDER+2026+000123+XY",
      ref("ORDER 2026 000123 XY"),
    ],
  ])("%s", (_name, config, url, expected) => {
    expect(findOrderReference(config, at(url))).toEqual(expected);
  });

  test("duplicate session ids whose first is the unexpanded template give null", () => {
    expect(
      findOrderReference(plain, at(`/success?session_id={CHECKOUT_SESSION_ID}&session_id=${CS_TEST}`)),
    ).toBeNull();
  });
});
