import wire from "virtual:aquarium-wire";
import type * as z from "zod/mini";
import type { DecisionRequest, OrderReference } from "../server/contract/session.ts";
import type {
  WidgetDecisionResponse,
  WidgetError,
  WidgetSessionResponse,
} from "../server/contract/widget.ts";
import { reader } from "./check.ts";

const readSession = reader<z.output<typeof WidgetSessionResponse>>(wire.session);
const readDecision = reader<z.output<typeof WidgetDecisionResponse>>(wire.decision);
const readError = reader<z.output<typeof WidgetError>>(wire.error);

/** How long the widget waits for the server before behaving as if it were absent. */
export const TIMEOUT_MS = 4000;

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * A failed call: the server's error code (`already_decided`, `offer_expired`…), or `network` / `invalid`;
 * with the HTTP status when there was an answer (0 when there was none).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly details: unknown;
  readonly status: number;
  constructor(code: string, details?: unknown, status = 0) {
    super(code);
    this.code = code;
    this.details = details;
    this.status = status;
  }
}

/**
 * The widget's two calls. A few lines over fetch rather than ky: the widget needs a timeout and JSON,
 * and every answer is validated against the contract, which is all the library would add here.
 */
export function createApi(base: string, fetcher: Fetch = (input, init) => fetch(input, init)) {
  async function post<T>(
    path: string,
    body: unknown,
    read: (json: unknown) => T | null,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetcher(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError("network");
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      throw new ApiError(readError(json)?.error.code ?? "invalid", json, response.status);
    }
    const parsed = read(json);
    if (parsed === null) throw new ApiError("invalid");
    return parsed;
  }

  return {
    /** The browser's own secret binds the order's session on the first claim and resumes it afterwards. */
    claim: (site: string, order: OrderReference, secret: string) =>
      post("/v1/sessions", { site, order, secret }, readSession),
    decide: (session: string, secret: string, request: DecisionRequest, idempotencyKey: string) =>
      post(`/v1/sessions/${encodeURIComponent(session)}/decisions`, request, readDecision, {
        authorization: `Bearer ${secret}`,
        "idempotency-key": idempotencyKey,
      }),
  };
}
export type Api = ReturnType<typeof createApi>;
