import * as z from "zod/mini";

/** `GET /healthz`: the process answers and its store can be reached. */
export const HealthAnswer = z.object({ status: z.literal("ok"), store: z.enum(["sqlite", "postgres"]) });
export type HealthAnswer = z.infer<typeof HealthAnswer>;
