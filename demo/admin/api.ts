import ky, { HTTPError, type KyInstance } from "ky";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type * as z from "zod/mini";
import {
  type BroughtSecret,
  CockpitAnswer,
  CreatedSiteAnswer,
  DeletedOffersAnswer,
  DeletedProductsAnswer,
  DeliveriesAnswer,
  DeliveryAnswer,
  ErrorEnvelope,
  type HookSource,
  ImportAnswer,
  MeAnswer,
  OfferAnswer,
  type OfferInput,
  type OfferPatch,
  OffersAnswer,
  ProductAnswer,
  type ProductInput,
  type ProductPatch,
  ProductsAnswer,
  RotatedSecretAnswer,
  type SecretKind,
  SetSecretAnswer,
  ShownOrdersAnswer,
  SiteAnswer,
  type SiteInput,
  type SitePatch,
  SitesAnswer,
  SnippetAnswer,
  StatsAnswer,
  TestOrderAnswer,
  type WooCommerceApiInput,
} from "../../server/contract/index.ts";
import { scope } from "./state.ts";

export type Snippet = SnippetAnswer;
export type Stats = StatsAnswer;

export interface ApiOptions {
  /** Where requests go; tests pass the server app itself. */
  fetch?: (input: Request | URL | string, init?: RequestInit) => Promise<Response>;
  /** The page's URL, against which "/admin/api" is resolved. */
  baseUrl?: string;
}

const site = (id: string) => `sites/${encodeURIComponent(id)}`;

/** Every call the admin makes, typed; a 401 on any of them (an expired login) shows the login again. */
export function createApi(options: ApiOptions = {}) {
  const http: KyInstance = ky.create({
    prefix: "/admin/api",
    credentials: "same-origin",
    // Says "this is the admin itself": the server refuses cookie-authenticated writes without it or JSON.
    headers: { "x-aquarium-admin": "1" },
    // A failed save is shown to the person who made it, who decides whether to try again.
    retry: 0,
    ...(options.fetch && { fetch: options.fetch }),
    ...(options.baseUrl && { baseUrl: options.baseUrl }),
    hooks: {
      afterResponse: [
        ({ request, response }) => {
          if (response.status === 401 && !request.url.endsWith("/login")) scope.value = null;
        },
      ],
    },
  });
  const sub = (siteId: string, kind: "products" | "offers") => `${site(siteId)}/${kind}`;
  /** Every answer is read with the contract's schema: what the admin shows is what the server promised. */
  const read =
    <S extends z.ZodMiniType>(schema: S) =>
    async (answer: { json(): Promise<unknown> }): Promise<z.output<S>> =>
      schema.parse(await answer.json());

  return {
    me: () => http.get("me").then(read(MeAnswer)),
    login: (token: string) => http.post("login", { json: { token } }).then(read(MeAnswer)),
    logout: async () => {
      await http.post("logout");
    },
    logoutEverywhere: async () => {
      await http.post("logout-everywhere");
    },

    sites: () => http.get("sites").then(read(SitesAnswer)),
    site: (id: string) => http.get(site(id)).then(read(SiteAnswer)),
    /** A new site; the fields with defaults (the appearance among them) may be left out. */
    createSite: (input: z.input<typeof SiteInput>) =>
      http.post("sites", { json: input }).then(read(CreatedSiteAnswer)),
    updateSite: (id: string, patch: SitePatch) =>
      http.patch(site(id), { json: patch }).then(read(SiteAnswer)),
    deleteSite: async (id: string) => {
      await http.delete(site(id));
    },
    rotateSecret: (id: string, kind: Exclude<SecretKind, BroughtSecret>) =>
      http.post(`${site(id)}/secrets/${kind}`).then(read(RotatedSecretAnswer)),
    /** Sets a secret the seller brings (Stripe's endpoint secret, their Stripe API key): never shown again. */
    setSecret: (id: string, kind: BroughtSecret, secret: string) =>
      http.post(`${site(id)}/secrets/${kind}`, { json: { secret } }).then(read(SetSecretAnswer)),
    /** Saves the shop's WooCommerce connection, which the server tries first (a 400 names the field to fix). */
    connectWooCommerce: (id: string, connection: WooCommerceApiInput) =>
      http.post(`${site(id)}/secrets/woocommerce-api`, { json: connection }).then(read(SetSecretAnswer)),
    snippet: (id: string) => http.get(`${site(id)}/snippet`).then(read(SnippetAnswer)),
    /** "Is it working?": problems, the last order deliveries and claims. */
    cockpit: (id: string) => http.get(`${site(id)}/cockpit`).then(read(CockpitAnswer)),
    /** A signed test order through the site's webhook (`source`, or the one it last heard from). */
    sendTestOrder: (id: string, source?: HookSource) =>
      http.post(`${site(id)}/test-orders`, { json: source ? { source } : {} }).then(read(TestOrderAnswer)),
    deliveries: (id: string) => http.get(`${site(id)}/deliveries`).then(read(DeliveriesAnswer)),
    resendDelivery: (id: string, delivery: string) =>
      http.post(`${site(id)}/deliveries/${encodeURIComponent(delivery)}/resend`).then(read(DeliveryAnswer)),
    stats: (id: string, from: string, to: string) =>
      http.get(`${site(id)}/stats`, { searchParams: { from, to } }).then(read(StatsAnswer)),
    shownOrders: (id: string, from: string, to: string, page: number) =>
      http
        .get(`${site(id)}/stats/orders`, { searchParams: { from, to, page } })
        .then(read(ShownOrdersAnswer)),

    products: (siteId: string) => http.get(sub(siteId, "products")).then(read(ProductsAnswer)),
    /** The shop's products into the catalogue, by SKU, through the site's WooCommerce connection. */
    importProducts: (siteId: string) =>
      http.post(`${sub(siteId, "products")}/import`).then(read(ImportAnswer)),
    createProduct: (siteId: string, input: ProductInput) =>
      http.post(sub(siteId, "products"), { json: input }).then(read(ProductAnswer)),
    updateProduct: (siteId: string, id: string, patch: ProductPatch) =>
      http.patch(`${sub(siteId, "products")}/${id}`, { json: patch }).then(read(ProductAnswer)),
    deleteProduct: async (siteId: string, id: string) => {
      await http.delete(`${sub(siteId, "products")}/${id}`);
    },
    deletedProducts: (siteId: string) =>
      http.get(`${sub(siteId, "products")}/deleted`).then(read(DeletedProductsAnswer)),
    restoreProduct: (siteId: string, id: string) =>
      http.post(`${sub(siteId, "products")}/${id}/restore`).then(read(ProductAnswer)),

    offers: (siteId: string) => http.get(sub(siteId, "offers")).then(read(OffersAnswer)),
    createOffer: (siteId: string, input: OfferInput) =>
      http.post(sub(siteId, "offers"), { json: input }).then(read(OfferAnswer)),
    updateOffer: (siteId: string, id: string, patch: OfferPatch) =>
      http.patch(`${sub(siteId, "offers")}/${id}`, { json: patch }).then(read(OfferAnswer)),
    /** `detach`: unlink the funnel steps that lead to it, rather than be refused (409) because of them. */
    deleteOffer: async (siteId: string, id: string, detach = false) => {
      await http.delete(`${sub(siteId, "offers")}/${id}`, detach ? { searchParams: { detach: "true" } } : {});
    },
    deletedOffers: (siteId: string) =>
      http.get(`${sub(siteId, "offers")}/deleted`).then(read(DeletedOffersAnswer)),
    restoreOffer: (siteId: string, id: string) =>
      http.post(`${sub(siteId, "offers")}/${id}/restore`).then(read(OfferAnswer)),
  };
}
export type Api = ReturnType<typeof createApi>;

/**
 * Where the browser downloads a CSV export of a site's stats over a period: a plain link, which carries the login
 * cookie as any same-origin navigation does.
 */
export function exportHref(siteId: string, file: "figures" | "orders", from: string, to: string): string {
  return `/admin/api/${site(siteId)}/stats/${file}.csv?${new URLSearchParams({ from, to })}`;
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside <ApiContext.Provider>");
  return api;
}

/** What went wrong, for a person: the server's code and message, and the message per field it names. */
export interface Problem {
  status: number;
  code: string;
  message: string;
  /** Each field the server named, with what is wrong with it (`{ "allowedOrigins.1": "must be an origin…" }`). */
  fields: Record<string, string>;
}

/** Any error from a call as a Problem: the server's envelope when there is one, else what happened. */
export function problemOf(error: unknown): Problem {
  if (error instanceof HTTPError) {
    const envelope = ErrorEnvelope.safeParse(error.data);
    if (envelope.success) {
      const { code, message, fields = {} } = envelope.data.error;
      return { status: error.response.status, code, message, fields };
    }
    return {
      status: error.response.status,
      code: "http_error",
      message: `The server answered ${error.response.status}.`,
      fields: {},
    };
  }
  return {
    status: 0,
    code: "network",
    message: "The server could not be reached. Check the connection and try again.",
    fields: {},
  };
}
