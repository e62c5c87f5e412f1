import { CockpitAnswer, type ErrorCode, TestOrderAnswer, TestOrderInput } from "../../contract/index.ts";
import { BODY_ERRORS, named, type RouteDoc } from "./route-doc.ts";

const ADMIN: Record<string, string[]>[] = [{ adminToken: [] }, { adminCookie: [] }];
const ADMIN_ERRORS: ErrorCode[] = ["unauthorized", "rate_limited", "not_found"];
const SITE = "/admin/api/sites/{site}";

/** "Is it working?": the seller's cockpit in the admin API, and the thank-you page preview of a test order. */
export const COCKPIT_ROUTES: RouteDoc[] = [
  {
    method: "get",
    path: `${SITE}/cockpit`,
    tag: "admin",
    summary: "Is it working? Problems the server sees, the last order deliveries and the last claims",
    description:
      "Problems (no active offer, an offer that matches every order by accident, a product currency no recent order has, a discount at or above the price, a failing webhook URL, a funnel step pointing at an inactive offer, a missing secret, no order yet), each with a sentence and where to fix it. " +
      "The last deliveries of each order webhook (up to 100 per platform: verified or refused and why, the platform's order id, never the payload) " +
      "and the last claims of thank-you pages per origin (whether each got an offer, or why not; an origin the site does not allow says so). " +
      "Deliveries for unknown sites are kept nowhere; at most 120 records a minute per site are kept.",
    security: ADMIN,
    answers: { 200: { description: "The cockpit", body: named("CockpitAnswer", CockpitAnswer) } },
    errors: ADMIN_ERRORS,
  },
  {
    method: "post",
    path: `${SITE}/test-orders`,
    tag: "admin",
    summary: "Send a test order through one of the site's order webhooks, signed with the site's secret",
    description:
      "A paid order whose lines make the site's first offer apply, signed as the platform signs (WooCommerce, a Stripe checkout.session.completed, or Standard Webhooks for the generic source) and received by the same code as the platform's deliveries. " +
      'It is marked as a test: never counted in stats, its accepts settle without any charge, and its events to the seller\'s webhook carry "test": true. ' +
      "`source` defaults to the platform the site last heard from. Answers the thank-you page preview that shows its offer. 409 when the site lacks that platform's secret.",
    security: ADMIN,
    body: named("TestOrderInput", TestOrderInput),
    answers: {
      201: { description: "The test order and its preview", body: named("TestOrderAnswer", TestOrderAnswer) },
    },
    errors: [...ADMIN_ERRORS, ...BODY_ERRORS, "conflict"],
  },
  {
    method: "get",
    path: "/preview/{site}/{path}",
    tag: "widget",
    summary: "A thank-you page preview with the site's snippet, for the admin's test orders",
    description:
      "The path and query name the test order as its platform would (`checkout/order-received/<id>/?key=wc_order_…`, `thank-you?session_id=cs_…`, `thank-you?order=<ref>`). Pages of this server's own origin are offered test orders only.",
    answers: { 200: { description: "The page", body: { contentType: "text/html" } } },
    errors: ["not_found"],
  },
];
