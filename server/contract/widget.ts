import * as z from "zod/mini";
import { Decision } from "./answers.ts";
import { OfferId, ProductId, SessionId } from "./ids.ts";
import { Currency, Minor } from "./money.ts";

/*
 * The server's answers as the widget reads them: `SessionResponse`, `DecisionResponse` and `ErrorEnvelope`,
 * but for what the widget never shows. The panel shows the server's prices and never computes one from the
 * offer's discount terms, whose discriminated union would cost the widget 0.9 KB of its 20 KB; an error's
 * `fields` are for a seller's form. test/server/contract/widget.test.ts keeps these in step with the full answers.
 */

/** `Offer` without `discount`: everything the buyer is shown. */
export const WidgetOffer = z.object({
  id: OfferId,
  title: z.string(),
  description: z.string(),
  image: z.nullable(z.string()),
  product: ProductId,
  regularPrice: Minor,
  price: Minor,
  currency: Currency,
  quantityMax: z.int().check(z.minimum(1)),
  expiresAt: z.string(),
  step: z.int().check(z.minimum(1), z.maximum(3)),
});
export type WidgetOffer = z.infer<typeof WidgetOffer>;

export const WidgetSessionResponse = z.object({
  session: z.object({ id: SessionId, expiresAt: z.string() }),
  offer: z.nullable(WidgetOffer),
});

export const WidgetDecisionResponse = z.object({ decision: Decision, next: z.nullable(WidgetOffer) });

/**
 * `ErrorEnvelope` but for its `fields`, which say what a seller's form got wrong: the widget sends no form,
 * and reads only the code.
 */
export const WidgetError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
