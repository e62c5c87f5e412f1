import * as z from "zod/mini";

/** The body of every error answer: `{ "error": { "code", "message" } }`. */
export const ErrorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
