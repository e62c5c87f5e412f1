import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { cameBack, confirmWithBank, linkedPayment } from "./stripe/return.ts";

/**
 * `/v1/payments/:decision/confirm` and `/v1/payments/:decision/return`: the pages a buyer is sent to about one
 * payment (signed links, no price in them). Each answers with a redirect: to the bank, or back to the
 * thank-you page, which then shows what became of the payment.
 */
export function paymentRoutes(deps: AppDeps): Hono {
  const useCase = {
    store: deps.store,
    logger: deps.logger,
    clients: deps.services.stripeClients,
    links: deps.services.links,
  };
  const app = new Hono();
  const payment = async (decisionId: string, signature: string | undefined) => {
    const found = await linkedPayment(useCase, decisionId, signature ?? "");
    if (!found) throw new AppError("not_found", "No such payment.");
    return found;
  };
  app.get("/:decision/confirm", async (c) => {
    const next = await confirmWithBank(
      useCase,
      await payment(c.req.param("decision"), c.req.query("sig")),
      deps.clock(),
    );
    return c.redirect(next.to, 303);
  });
  app.get("/:decision/return", async (c) => {
    const next = await cameBack(
      useCase,
      await payment(c.req.param("decision"), c.req.query("sig")),
      deps.clock(),
    );
    return c.redirect(next.to, 303);
  });
  return app;
}
