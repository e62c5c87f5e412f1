import * as z from "zod/mini";
import {
  ErrorCode,
  ErrorEnvelope,
  OfferAccepted,
  OfferDeclined,
  OfferPaid,
  OfferPaymentFailed,
  OfferRefunded,
} from "../../contract/index.ts";
import { STATUS } from "../errors.ts";
import type { Answer, Named, RouteDoc } from "./route-doc.ts";
import { ROUTES } from "./routes.ts";

type Json = Record<string, unknown>;

/** The contract's schema as JSON Schema (2020-12, OpenAPI 3.1's own): what a request may send, or an answer holds. */
function jsonSchema(schema: z.ZodMiniType, io: "input" | "output"): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  return rest;
}

/** Components are named `Name` for answers and `NameInput` where a request's shape differs (defaults). */
function collect(routes: RouteDoc[]): { schemas: Json; ref(named: Named, io: "input" | "output"): Json } {
  const schemas: Json = {};
  const ref = ({ name, schema }: Named, io: "input" | "output") => {
    const key = io === "input" && !name.endsWith("Input") && !name.endsWith("Patch") ? `${name}Body` : name;
    schemas[key] ??= jsonSchema(schema, io);
    return { $ref: `#/components/schemas/${key}` };
  };
  for (const route of routes) {
    if (route.body && "schema" in route.body) ref(route.body, "input");
    for (const answer of Object.values(route.answers))
      if (answer.body && "schema" in answer.body) ref(answer.body, "output");
  }
  return { schemas, ref };
}

function content(
  body: NonNullable<Answer["body"]>,
  io: "input" | "output",
  ref: ReturnType<typeof collect>["ref"],
): Json {
  if ("schema" in body) return { "application/json": { schema: ref(body, io) } };
  return {
    [body.contentType]: {
      schema: body.contentType === "application/json" ? { type: "object" } : { type: "string" },
    },
  };
}

function operation(route: RouteDoc, ref: ReturnType<typeof collect>["ref"]): Json {
  const parameters = [
    ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    })),
    ...(route.headers ?? []).map((header) => ({
      name: header.name,
      in: "header",
      required: header.required,
      description: header.description,
      schema: { type: "string" },
    })),
    ...(route.query ?? []).map((query) => ({
      name: query.name,
      in: "query",
      required: false,
      description: query.description,
      schema: { type: "string", ...(query.format && { format: query.format }) },
    })),
  ];
  const responses: Json = {};
  for (const [status, answer] of Object.entries(route.answers)) {
    responses[status] = {
      description: answer.description,
      ...(answer.body && { content: content(answer.body, "output", ref) }),
    };
  }
  // Every error is the one envelope; the codes a route may answer are listed under their status.
  const byStatus = Map.groupBy(new Set(route.errors), (code) => STATUS[code]);
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: `Error: ${codes.map((code) => `\`${code}\``).join(", ")}`,
      content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
      ...(status === 429 || status === 503
        ? { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } } }
        : {}),
    };
  }
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description && { description: route.description }),
    ...(route.security && { security: route.security }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.body && { requestBody: { required: true, content: content(route.body, "input", ref) } }),
    responses,
  };
}

/** The seller's events, as OpenAPI `webhooks`: what Aquarium posts to a site's webhook URL. */
function webhooks(): Json {
  const event = (schema: z.ZodMiniType, summary: string) => ({
    post: {
      summary,
      description:
        "Signed per Standard Webhooks with the site's outbound secret (`webhook-id`, `webhook-timestamp`, `webhook-signature`); `webhook-id` is stable across retries. Retried with backoff until a 2xx.",
      requestBody: {
        required: true,
        content: { "application/json": { schema: jsonSchema(schema, "output") } },
      },
      responses: { "2XX": { description: "Received" } },
    },
  });
  return {
    "offer.accepted": event(OfferAccepted, "A buyer accepted an offer (with the payment's state)"),
    "offer.declined": event(OfferDeclined, "A buyer declined an offer"),
    "offer.paid": event(OfferPaid, "An accepted offer's payment arrived after the decision"),
    "offer.payment_failed": event(
      OfferPaymentFailed,
      "An accepted offer's payment failed after the decision",
    ),
    "offer.refunded": event(OfferRefunded, "An accepted offer's payment was refunded, fully or in part"),
  };
}

/** `GET /openapi.json`: the whole API and the seller's events, generated from the contract. */
export function openApiDocument(publicUrl: string, version: string): Json {
  const { schemas, ref } = collect(ROUTES);
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route, ref) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Aquarium",
      version,
      description:
        "Post-purchase offers for any thank-you page. Money is integer minor units with an ISO 4217 code. Every error is `{ error: { code, message, fields? } }`.",
    },
    servers: [{ url: publicUrl }],
    tags: [{ name: "widget" }, { name: "order webhooks" }, { name: "admin" }, { name: "service" }],
    paths,
    webhooks: webhooks(),
    components: {
      schemas: {
        ...schemas,
        ErrorEnvelope: jsonSchema(ErrorEnvelope, "output"),
        ErrorCode: jsonSchema(ErrorCode, "output"),
      },
      securitySchemes: {
        browserSecret: {
          type: "http",
          scheme: "bearer",
          description: "The secret the browser bound its session with",
        },
        adminToken: {
          type: "http",
          scheme: "bearer",
          description: "ADMIN_TOKEN (the operator) or a site's owner token",
        },
        adminCookie: {
          type: "apiKey",
          in: "cookie",
          name: "aquarium_admin",
          description: "Set by POST /admin/api/login",
        },
        wooSignature: {
          type: "apiKey",
          in: "header",
          name: "X-WC-Webhook-Signature",
          description: "base64 HMAC-SHA256 of the body, with the site's woocommerce secret",
        },
        stripeSignature: {
          type: "apiKey",
          in: "header",
          name: "Stripe-Signature",
          description: "Stripe's t=…,v1=… with the endpoint secret whsec_…",
        },
        standardWebhooks: {
          type: "apiKey",
          in: "header",
          name: "webhook-signature",
          description: "Standard Webhooks, with the site's orders secret",
        },
      },
    },
  };
}
