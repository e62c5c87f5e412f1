import type * as z from "zod/mini";
import { AppError } from "../../errors.ts";
import { type Destination, resolveDestination } from "../../net/destination.ts";
import { type Answered, requestTo } from "../../net/request.ts";
import type { WooConnection, WooNetwork } from "./connection.ts";
import { RestError } from "./shapes.ts";

/** WooCommerce's REST API, version 3, under the shop's address. */
const API = "/wp-json/wc/v3";
/** A shop is asked while a buyer waits: each request gets this long, the answer included. */
const TIMEOUT_MS = 8000;
/** A page of products is the largest answer read; a few MB is far more than a hundred products weigh. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * What went wrong with a request to the shop, by what it means for the caller:
 * - `unreachable`: the shop certainly did not get the request (refused connection, unknown name, bad certificate);
 * - `uncertain`: the shop may have acted on it (no answer in time, connection cut, 5xx, 429);
 * - `refused`: 401/403, the shop refused the key (`authenticate`: it asked for other credentials);
 * - `missing`: 404 of a resource the shop's WooCommerce knows it lacks (no such order);
 * - `rejected`: another 4xx (the request itself was refused, `code` says why);
 * - `not_woocommerce`: an answer that is not WooCommerce's REST API (no route, HTML, a redirect);
 * - `address`: the shop's address is not one the server may reach (see net/destination.ts).
 */
export type WooFailure =
  | "unreachable"
  | "uncertain"
  | "refused"
  | "missing"
  | "rejected"
  | "not_woocommerce"
  | "address";

export class WooError extends Error {
  override name = "WooError";
  readonly kind: WooFailure;
  readonly status: number | null;
  /** WooCommerce's error code (`woocommerce_rest_cannot_view`…), when it answered one. */
  readonly code: string | null;
  /** A 401 that came with `WWW-Authenticate`: WooCommerce knew the key, not its secret. */
  readonly authenticate: boolean;
  constructor(
    kind: WooFailure,
    message: string,
    extra: { status?: number; code?: string | null; authenticate?: boolean } = {},
  ) {
    super(message);
    this.kind = kind;
    this.status = extra.status ?? null;
    this.code = extra.code ?? null;
    this.authenticate = extra.authenticate ?? false;
  }
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** A failed exchange as a WooError: did the shop possibly get the request or not? */
function networkFailure(error: unknown): WooError {
  const { code, name } = (error ?? {}) as { code?: string; name?: string };
  if (name === "AbortError" || name === "TimeoutError")
    return new WooError("uncertain", `did not answer within ${TIMEOUT_MS / 1000} seconds`);
  if (code && UNREACHABLE.has(code)) return new WooError("unreachable", `could not be reached (${code})`);
  // A TLS handshake that failed sent nothing: the certificate is not one a browser would trust either.
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    return new WooError("unreachable", `its HTTPS certificate is not valid (${code})`);
  return new WooError("uncertain", `the connection broke off (${code ?? name ?? "unknown error"})`);
}

function answerFailure(answer: Answered): WooError {
  const { status } = answer;
  if (status >= 300 && status < 400) {
    const location = String(answer.headers.location ?? "elsewhere");
    return new WooError("not_woocommerce", `redirects to ${location}: use that address`, { status });
  }
  let body: z.infer<typeof RestError> | null = null;
  try {
    const parsed = RestError.safeParse(JSON.parse(answer.body));
    body = parsed.success ? parsed.data : null;
  } catch {
    body = null;
  }
  const code = body?.code ?? null;
  const said = body?.message ? `: ${body.message}` : "";
  if (status === 429 || status >= 500)
    return new WooError("uncertain", `answered ${status}${said}`, { status, code });
  if (status === 401 || status === 403) {
    const authenticate = Boolean(answer.headers["www-authenticate"]);
    return new WooError("refused", `refused the key (${status}${said})`, { status, code, authenticate });
  }
  if (!body || code === "rest_no_route")
    return new WooError("not_woocommerce", `has no WooCommerce REST API (${API} answered ${status})`, {
      status,
      code,
    });
  if (status === 404) return new WooError("missing", `has no such thing (${code}${said})`, { status, code });
  return new WooError("rejected", `refused the request (${status} ${code}${said})`, { status, code });
}

export interface WooClient {
  /** A GET of `path` under the REST API, read with `schema`; the answer's headers too (pagination). */
  get<S extends z.ZodMiniType>(
    path: string,
    schema: S,
    query?: Record<string, string>,
  ): Promise<{ data: z.output<S>; headers: Answered["headers"] }>;
  /** A POST or PUT of a JSON body, the answer read with `schema`. */
  send<S extends z.ZodMiniType>(
    method: "POST" | "PUT",
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>>;
}

/**
 * The shop's REST API, reached only through the SSRF-safe net layer (https to a public address; loopback only in
 * development), authenticated with HTTP Basic (the consumer key and secret), which WooCommerce accepts over
 * HTTPS only; JSON in and out, a short deadline, every failure a WooError.
 */
export function wooClient(connection: WooConnection, network: WooNetwork): WooClient {
  const base = connection.url.replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(`${connection.key}:${connection.secret}`).toString("base64")}`;
  let destination: Promise<Destination> | undefined;
  const checked = () => {
    destination ??= resolveDestination(base, network.allowLoopbackHttp, network.resolve).catch((error) => {
      if (!(error instanceof AppError)) throw error;
      const why = Object.values(error.fields ?? {})[0] ?? error.message;
      throw new WooError("address", why);
    });
    return destination;
  };

  async function call<S extends z.ZodMiniType>(
    method: "GET" | "POST" | "PUT",
    path: string,
    schema: S,
    options: { query?: Record<string, string>; body?: unknown } = {},
  ) {
    const target = await checked();
    const url = new URL(`${base}${API}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    let answer: Answered;
    try {
      answer = await requestTo(target, {
        method,
        url,
        headers: {
          authorization,
          accept: "application/json",
          "user-agent": "Aquarium (post-purchase offers)",
          ...(options.body !== undefined && { "content-type": "application/json" }),
        },
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
        timeoutMs: TIMEOUT_MS,
        maxBytes: MAX_BYTES,
      });
    } catch (error) {
      throw networkFailure(error);
    }
    if (answer.status < 200 || answer.status >= 300) throw answerFailure(answer);
    let parsed: { success: true; data: z.output<S> } | { success: false };
    try {
      parsed = schema.safeParse(JSON.parse(answer.body)) as typeof parsed;
    } catch {
      parsed = { success: false };
    }
    if (!parsed.success)
      throw new WooError(
        "not_woocommerce",
        `answered ${method} ${API}${path} with something that is not WooCommerce's`,
        {
          status: answer.status,
        },
      );
    return { data: parsed.data, headers: answer.headers };
  }

  return {
    get: (path, schema, query) => call("GET", path, schema, query ? { query } : {}),
    send: async (method, path, body, schema) => (await call(method, path, schema, { body })).data,
  };
}
