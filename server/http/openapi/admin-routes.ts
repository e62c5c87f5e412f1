import * as z from "zod/mini";
import {
  CreatedSiteAnswer,
  DeletedOffersAnswer,
  DeletedProductsAnswer,
  DeliveriesAnswer,
  DeliveryAnswer,
  type ErrorCode,
  ImportAnswer,
  LoginInput,
  MeAnswer,
  OfferAnswer,
  OfferInput,
  OfferPatch,
  OffersAnswer,
  ProductAnswer,
  ProductInput,
  ProductPatch,
  ProductsAnswer,
  RESTORE_DAYS,
  RotatedSecretAnswer,
  SetSecretAnswer,
  ShownOrdersAnswer,
  SiteAnswer,
  SiteInput,
  SitePatch,
  SitesAnswer,
  SnippetAnswer,
  StatsAnswer,
  StripeApiKeyInput,
  StripeSecretInput,
  WooCommerceApiInput,
} from "../../contract/index.ts";

import { BODY_ERRORS, empty, type Named, named, type RouteDoc } from "./route-doc.ts";

const ADMIN: Record<string, string[]>[] = [{ adminToken: [] }, { adminCookie: [] }];
const ADMIN_ERRORS: ErrorCode[] = ["unauthorized", "rate_limited"];
const SITE = "/admin/api/sites/{site}";
/** A stats period: both days included, the 30 days to today by default. */
const PERIOD = [
  { name: "from", description: "First day, YYYY-MM-DD (30 days before `to` if absent)", format: "date" },
  { name: "to", description: "Last day, YYYY-MM-DD (today if absent)", format: "date" },
];

/** The admin's CRUD of a site's catalogue or offers, which read alike. */
function collection(
  noun: "product" | "offer",
  schemas: { list: Named; one: Named; input: Named; patch: Named; deleted: Named },
): RouteDoc[] {
  const base = `${SITE}/${noun}s`;
  const notFound: ErrorCode[] = [...ADMIN_ERRORS, "not_found"];
  return [
    {
      method: "get",
      path: base,
      tag: "admin",
      summary: `The site's ${noun}s`,
      security: ADMIN,
      answers: { 200: { description: `Every ${noun}`, body: schemas.list } },
      errors: notFound,
    },
    {
      method: "post",
      path: base,
      tag: "admin",
      summary: `Create a ${noun}`,
      security: ADMIN,
      body: schemas.input,
      answers: { 201: { description: `The ${noun}`, body: schemas.one } },
      errors: [...notFound, ...BODY_ERRORS, "conflict"],
    },
    {
      method: "get",
      path: `${base}/{id}`,
      tag: "admin",
      summary: `One ${noun}`,
      security: ADMIN,
      answers: { 200: { description: `The ${noun}`, body: schemas.one } },
      errors: notFound,
    },
    {
      method: "patch",
      path: `${base}/{id}`,
      tag: "admin",
      summary: `Change some fields of a ${noun}`,
      security: ADMIN,
      body: schemas.patch,
      answers: { 200: { description: `The ${noun}, changed`, body: schemas.one } },
      errors: [...notFound, ...BODY_ERRORS, "conflict"],
    },
    {
      method: "delete",
      path: `${base}/{id}`,
      tag: "admin",
      summary: `Delete a ${noun}: buyers no longer see it, and it can be restored for ${RESTORE_DAYS} days`,
      description:
        noun === "product"
          ? "409, naming them, while an offer offers the product or names it in its trigger."
          : "409 while other offers lead to this one as a funnel step (downsell or next), before anything " +
            "changes: the answer names them in `usedBy` ([{ offerId, name, step }]) beside the error. With " +
            "`?detach=true` those steps are unlinked, and linked again if the offer is restored.",
      security: ADMIN,
      ...(noun === "offer" && {
        query: [{ name: "detach", description: "true: unlink the funnel steps that lead to this offer" }],
      }),
      answers: { 204: empty("Deleted: set aside, restorable") },
      errors: [...notFound, "conflict", ...(noun === "offer" ? (["invalid_request"] as ErrorCode[]) : [])],
    },
    {
      method: "get",
      path: `${base}/deleted`,
      tag: "admin",
      summary: `The site's deleted ${noun}s that can still be restored, last deleted first`,
      security: ADMIN,
      answers: { 200: { description: `Deleted ${noun}s, with when`, body: schemas.deleted } },
      errors: notFound,
    },
    {
      method: "post",
      path: `${base}/{id}/restore`,
      tag: "admin",
      summary: `Undo the deletion of a ${noun}`,
      description:
        noun === "product"
          ? "The product comes back as it was."
          : "The offer comes back as it was, with the funnel steps its deletion unlinked (where they still lead " +
            "nowhere). 409 while its product, or a product its trigger names, is deleted.",
      security: ADMIN,
      answers: { 200: { description: `The ${noun}, back`, body: schemas.one } },
      errors: noun === "product" ? notFound : [...notFound, "conflict"],
    },
  ];
}

/** `/admin/api` and the admin app. */
export const ADMIN_ROUTES: RouteDoc[] = [
  {
    method: "post",
    path: "/admin/api/login",
    tag: "admin",
    summary: "Log in with a token: sets an HttpOnly, SameSite=Strict cookie",
    body: named("LoginInput", LoginInput),
    answers: { 200: { description: "Who is logged in", body: named("MeAnswer", MeAnswer) } },
    errors: ["unauthorized", "rate_limited", ...BODY_ERRORS],
  },
  {
    method: "post",
    path: "/admin/api/logout",
    tag: "admin",
    summary: "End the login",
    answers: { 204: empty("Logged out") },
    errors: [],
  },
  {
    method: "post",
    path: "/admin/api/logout-everywhere",
    tag: "admin",
    summary: "End every login of the caller's scope (the operator's, or one site's), this one included",
    security: ADMIN,
    answers: { 204: empty("Logged out everywhere") },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/admin/api/me",
    tag: "admin",
    summary: "Who is logged in",
    security: ADMIN,
    answers: {
      200: { description: "The scope: the operator (*) or one site", body: named("MeAnswer", MeAnswer) },
    },
    errors: ADMIN_ERRORS,
  },
  {
    method: "get",
    path: "/admin/api/sites",
    tag: "admin",
    summary: "The sites this login may see",
    security: ADMIN,
    answers: { 200: { description: "Sites", body: named("SitesAnswer", SitesAnswer) } },
    errors: ADMIN_ERRORS,
  },
  {
    method: "post",
    path: "/admin/api/sites",
    tag: "admin",
    summary: "Create a site (the operator only); its secrets are answered once",
    security: ADMIN,
    body: named("SiteInput", SiteInput),
    answers: {
      201: { description: "The site and its secrets", body: named("CreatedSiteAnswer", CreatedSiteAnswer) },
    },
    errors: [...ADMIN_ERRORS, "forbidden", ...BODY_ERRORS, "conflict"],
  },
  {
    method: "get",
    path: SITE,
    tag: "admin",
    summary: "One site",
    security: ADMIN,
    answers: { 200: { description: "The site", body: named("SiteAnswer", SiteAnswer) } },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "patch",
    path: SITE,
    tag: "admin",
    summary: "Change some fields of a site",
    security: ADMIN,
    body: named("SitePatch", SitePatch),
    answers: { 200: { description: "The site, changed", body: named("SiteAnswer", SiteAnswer) } },
    errors: [...ADMIN_ERRORS, "not_found", ...BODY_ERRORS, "conflict"],
  },
  {
    method: "delete",
    path: SITE,
    tag: "admin",
    summary: "Delete a site and everything of it (the operator only)",
    security: ADMIN,
    answers: { 204: empty("Deleted") },
    errors: [...ADMIN_ERRORS, "forbidden", "not_found"],
  },
  {
    method: "post",
    path: `${SITE}/secrets/{kind}`,
    tag: "admin",
    summary: "Rotate a secret Aquarium makes (answered once), or set one the seller brings",
    description:
      "Aquarium's own secrets (woocommerce, orders, token, outbound, owner) take no body and are answered once. " +
      "The seller's are set, sealed and never answered: Stripe's endpoint secret (stripe) and API key " +
      "(stripe-api-key) as { secret }, the WooCommerce REST API connection (woocommerce-api) as { url, key, " +
      "secret }, which is tried first (one read, and a write probe that makes nothing): 400 with the field to " +
      "fix when the shop cannot be reached, is not WooCommerce, or refuses the key.",
    security: ADMIN,
    body: named("BroughtSecretInput", z.union([StripeSecretInput, StripeApiKeyInput, WooCommerceApiInput])),
    answers: {
      200: {
        description: "The new secret, or that the seller's is set",
        body: named("SecretAnswer", z.union([RotatedSecretAnswer, SetSecretAnswer])),
      },
    },
    errors: [...ADMIN_ERRORS, "not_found", ...BODY_ERRORS],
  },
  ...collection("product", {
    list: named("ProductsAnswer", ProductsAnswer),
    one: named("ProductAnswer", ProductAnswer),
    input: named("ProductInput", ProductInput),
    patch: named("ProductPatch", ProductPatch),
    deleted: named("DeletedProductsAnswer", DeletedProductsAnswer),
  }),
  {
    method: "post",
    path: `${SITE}/products/import`,
    tag: "admin",
    summary: "Import the shop's products from WooCommerce",
    description:
      "Reads the shop's published products with the site's WooCommerce connection (GET /products, every page, " +
      "and GET /data/currencies/current) and creates or updates catalogue products by SKU: name, price, " +
      "currency, image, categories as tags. Products without a SKU or a price are skipped, with the reason.",
    security: ADMIN,
    answers: {
      200: {
        description: "What was created, updated and skipped",
        body: named("ImportAnswer", ImportAnswer),
      },
    },
    errors: [...ADMIN_ERRORS, "not_found", "invalid_request", "unavailable"],
  },
  ...collection("offer", {
    list: named("OffersAnswer", OffersAnswer),
    one: named("OfferAnswer", OfferAnswer),
    input: named("OfferInput", OfferInput),
    patch: named("OfferPatch", OfferPatch),
    deleted: named("DeletedOffersAnswer", DeletedOffersAnswer),
  }),
  {
    method: "get",
    path: `${SITE}/deliveries`,
    tag: "admin",
    summary: "The site's outbound webhook log, newest first: status, attempts, last answer",
    security: ADMIN,
    answers: { 200: { description: "Deliveries", body: named("DeliveriesAnswer", DeliveriesAnswer) } },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "post",
    path: `${SITE}/deliveries/{id}/resend`,
    tag: "admin",
    summary:
      "Send an event again, from a fresh schedule of attempts (one given up on, or one the seller lost)",
    security: ADMIN,
    answers: {
      200: { description: "The delivery, pending again", body: named("DeliveryAnswer", DeliveryAnswer) },
    },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "get",
    path: `${SITE}/snippet`,
    tag: "admin",
    summary: "The snippet to paste, with Subresource Integrity, and the site's webhook URLs",
    security: ADMIN,
    answers: { 200: { description: "The snippet", body: named("SnippetAnswer", SnippetAnswer) } },
    errors: [...ADMIN_ERRORS, "not_found"],
  },
  {
    method: "get",
    path: `${SITE}/stats`,
    tag: "admin",
    summary:
      "What the site's offers did over a period: shown, accepted, accept rate, money per currency; per funnel step, offer and day",
    security: ADMIN,
    query: PERIOD,
    answers: { 200: { description: "Stats", body: named("StatsAnswer", StatsAnswer) } },
    errors: [...ADMIN_ERRORS, "not_found", "invalid_request"],
  },
  {
    method: "get",
    path: `${SITE}/stats/figures.csv`,
    tag: "admin",
    summary:
      "The stats as a CSV file: the period, each funnel step, offer and day, a row per currency, amounts in major units",
    security: ADMIN,
    query: PERIOD,
    answers: { 200: { description: "A CSV file (RFC 4180, UTF-8)", body: { contentType: "text/csv" } } },
    errors: [...ADMIN_ERRORS, "not_found", "invalid_request"],
  },
  {
    method: "get",
    path: `${SITE}/stats/orders`,
    tag: "admin",
    summary:
      "The orders shown an offer over a period, the latest first, 50 a page: what each was shown and decided, and the payment",
    security: ADMIN,
    query: [...PERIOD, { name: "page", description: "The page, from 1 (1 if absent)" }],
    answers: {
      200: { description: "A page of orders", body: named("ShownOrdersAnswer", ShownOrdersAnswer) },
    },
    errors: [...ADMIN_ERRORS, "not_found", "invalid_request"],
  },
  {
    method: "get",
    path: `${SITE}/stats/orders.csv`,
    tag: "admin",
    summary: "Every order shown an offer over a period as a CSV file, a row per offer shown",
    security: ADMIN,
    query: PERIOD,
    answers: { 200: { description: "A CSV file (RFC 4180, UTF-8)", body: { contentType: "text/csv" } } },
    errors: [...ADMIN_ERRORS, "not_found", "invalid_request"],
  },

  {
    method: "get",
    path: "/admin/{path}",
    tag: "admin",
    summary: "The admin app (`/admin/`): its files, and its page at any other path",
    answers: { 200: { description: "A file, or the app's page", body: { contentType: "text/html" } } },
    errors: [],
  },
];
