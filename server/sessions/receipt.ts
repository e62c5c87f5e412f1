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
      const title = told.title ?? steps.find((step) => step.offerId === decision.offerId)?.shown?.title;
      if (!payment || !told.payment) return { ...told, ...(title && { title }) };
      const open = payment.status === "requires_action";
      return {
        ...told,
        ...(title && { title }),
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
