import type { ReceiptLine } from "../contract/index.ts";
import type { Step } from "../domain.ts";
import type { Store } from "../store/store.ts";

/**
 * What the buyer added to their order in this session, each with its payment as it stands now: what they were
 * told when they accepted, brought up to date with what the provider has said since (paid after the bank's
 * confirmation, refunded…).
 */
export async function receiptOf(
  store: Store,
  sessionId: string,
  siteId: string,
  steps: Step[],
): Promise<ReceiptLine[]> {
  const accepted = (await store.decisions.ofSession(sessionId)).filter(
    (decision) => decision.action === "accept",
  );
  return Promise.all(
    accepted.map(async (decision) => {
      const told = decision.response.decision;
      const payment = await store.payments.find(siteId, { decisionId: decision.id });
      // Decisions made before their title was kept take it from the offer as it was shown.
      const shown = steps.find((step) => step.offerId === decision.offerId)?.shown;
      const title = told.title ?? shown?.title;
      const productName = told.productName ?? shown?.productName;
      const line = { ...told, ...(title && { title }), ...(productName && { productName }) };
      if (!payment || !told.payment) return line;
      const open = payment.status === "requires_action";
      return {
        ...line,
        payment: {
          provider: told.payment.provider,
          status: payment.status,
          ...(open && told.payment.actionUrl && { actionUrl: told.payment.actionUrl }),
          ...(open && told.payment.qrSvg && { qrSvg: told.payment.qrSvg }),
          ...(payment.refunded > 0 && { refunded: payment.refunded }),
        },
      };
    }),
  );
}
