import * as z from "zod/mini";
import { Discount } from "./discount.ts";
import { ReceiptLine, WidgetDecisionResponse, WidgetOffer, WidgetSessionResponse } from "./widget.ts";

/*
 * The server's answers to the widget: what the widget reads (widget.ts, whose fields these extend) and what
 * it does not, the discount terms that priced each offer.
 */

export { Decision } from "./widget.ts";

/** An offer as the buyer sees it, priced by the server, with the discount terms that priced it. */
export const Offer = z.extend(WidgetOffer, { discount: Discount });
export type Offer = z.infer<typeof Offer>;

export const SessionResponse = z.extend(WidgetSessionResponse, {
  offer: z.nullable(Offer),
  receipt: z.optional(z.array(ReceiptLine)),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

export const DecisionResponse = z.extend(WidgetDecisionResponse, { next: z.nullable(Offer) });
export type DecisionResponse = z.infer<typeof DecisionResponse>;
