import type * as z from "zod/mini";
import type { ErrorCode } from "../../contract/index.ts";

/** A schema with the name it has in the document's components. */
export interface Named {
  name: string;
  schema: z.ZodMiniType;
}
export const named = (name: string, schema: z.ZodMiniType): Named => ({ name, schema });

export interface Answer {
  description: string;
  body?: Named | { contentType: string; description?: string };
}

/** One route as the document tells it; every route the app serves is one of these, and nothing else is. */
export interface RouteDoc {
  method: "get" | "post" | "patch" | "delete";
  /** OpenAPI's form: `/v1/sessions/{id}/decisions`. */
  path: string;
  tag: "widget" | "order webhooks" | "admin" | "service";
  summary: string;
  description?: string;
  security?: Record<string, string[]>[];
  headers?: { name: string; description: string; required: boolean }[];
  query?: { name: string; description: string; format?: string }[];
  body?: Named | { contentType: string; description: string };
  answers: Record<number, Answer>;
  errors: ErrorCode[];
}

/** What any route with a JSON body may answer about it. */
export const BODY_ERRORS: ErrorCode[] = [
  "invalid_request",
  "invalid_json",
  "unsupported_media_type",
  "payload_too_large",
];
export const empty = (description: string): Answer => ({ description });
