import ky, { HTTPError, type KyInstance } from "ky";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type {
  OfferConfig,
  OfferInput,
  OfferPatch,
  Product,
  ProductInput,
  ProductPatch,
  SecretKind,
  Site,
  SiteInput,
  SitePatch,
  StatsAnswer,
} from "../../server/contract/index.ts";
import { scope } from "./state.ts";

export interface Snippet {
  snippet: string;
  src: string;
  integrity: string;
  webhooks: { woocommerce: string; stripe: string; orders: string };
}

/** The stats answer, as the contract gives it. */
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

  return {
    me: () => http.get("me").json<{ scope: string }>(),
    login: (token: string) => http.post("login", { json: { token } }).json<{ scope: string }>(),
    logout: async () => {
      await http.post("logout");
    },

    sites: () => http.get("sites").json<{ sites: Site[] }>(),
    site: (id: string) => http.get(site(id)).json<{ site: Site }>(),
    createSite: (input: SiteInput) =>
      http.post("sites", { json: input }).json<{ site: Site; secrets: Record<string, string> }>(),
    updateSite: (id: string, patch: SitePatch) =>
      http.patch(site(id), { json: patch }).json<{ site: Site }>(),
    deleteSite: async (id: string) => {
      await http.delete(site(id));
    },
    rotateSecret: (id: string, kind: Exclude<SecretKind, "stripe">) =>
      http.post(`${site(id)}/secrets/${kind}`).json<{ kind: string; secret: string }>(),
    setStripeSecret: (id: string, secret: string) =>
      http.post(`${site(id)}/secrets/stripe`, { json: { secret } }).json<{ kind: string; set: true }>(),
    snippet: (id: string) => http.get(`${site(id)}/snippet`).json<Snippet>(),
    stats: (id: string, from: string, to: string) =>
      http.get(`${site(id)}/stats`, { searchParams: { from, to } }).json<Stats>(),

    products: (siteId: string) => http.get(sub(siteId, "products")).json<{ products: Product[] }>(),
    createProduct: (siteId: string, input: ProductInput) =>
      http.post(sub(siteId, "products"), { json: input }).json<{ product: Product }>(),
    updateProduct: (siteId: string, id: string, patch: ProductPatch) =>
      http.patch(`${sub(siteId, "products")}/${id}`, { json: patch }).json<{ product: Product }>(),
    deleteProduct: async (siteId: string, id: string) => {
      await http.delete(`${sub(siteId, "products")}/${id}`);
    },

    offers: (siteId: string) => http.get(sub(siteId, "offers")).json<{ offers: OfferConfig[] }>(),
    createOffer: (siteId: string, input: OfferInput) =>
      http.post(sub(siteId, "offers"), { json: input }).json<{ offer: OfferConfig }>(),
    updateOffer: (siteId: string, id: string, patch: OfferPatch) =>
      http.patch(`${sub(siteId, "offers")}/${id}`, { json: patch }).json<{ offer: OfferConfig }>(),
    deleteOffer: async (siteId: string, id: string) => {
      await http.delete(`${sub(siteId, "offers")}/${id}`);
    },
  };
}
export type Api = ReturnType<typeof createApi>;

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
  /** `{ "allowedOrigins.1": "an origin like …" }` from `allowedOrigins.1: an origin like …`. */
  fields: Record<string, string>;
}

/**
 * The server words validation errors as `a.b: message; c: message` (see server/http/body.ts). A part
 * that does not start with a path (no spaces before the colon) is about the request as a whole.
 */
export function fieldsOf(message: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of message.split("; ")) {
    const match = /^([\w-]+(?:\.[\w-]+)*): (.+)$/s.exec(part);
    if (match?.[1] && match[2] && !(match[1] in fields)) fields[match[1]] = match[2];
  }
  return fields;
}

/** Any error from a call as a Problem: the server's envelope when there is one, else what happened. */
export function problemOf(error: unknown): Problem {
  if (error instanceof HTTPError) {
    const body = error.data as { error?: { code?: unknown; message?: unknown } } | undefined;
    const code = typeof body?.error?.code === "string" ? body.error.code : "http_error";
    const message =
      typeof body?.error?.message === "string"
        ? body.error.message
        : `The server answered ${error.response.status}.`;
    return { status: error.response.status, code, message, fields: fieldsOf(message) };
  }
  return {
    status: 0,
    code: "network",
    message: "The server could not be reached. Check the connection and try again.",
    fields: {},
  };
}
