import type { Claimable, Fixture } from "./fixture.ts";
import type { Request } from "./load.ts";

/** The widget's one request as a returning browser sends it: a verified order, its offer chosen. */
export function claims(fixture: Fixture, buyers: Claimable[], origin: string) {
  let n = 0;
  return (): Request => {
    const buyer = buyers[n++ % buyers.length] as Claimable;
    return {
      method: "POST",
      path: "/v1/sessions",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ site: fixture.siteId, order: buyer.order, secret: buyer.session.secret }),
    };
  };
}

/**
 * Each request accepts the open offer of a buyer that has not decided yet: every one is a real write. One
 * list for any number of servers: a buyer decides once. Past the last buyer, requests replay earlier ones
 * (counted in `replays`, which should stay 0: seed more buyers otherwise).
 */
export function decisions(fixture: Fixture, buyers: Claimable[], origin: string) {
  const made = { n: 0, replays: 0 };
  const next = (): Request => {
    if (made.n >= buyers.length) made.replays++;
    const buyer = buyers[made.n++ % buyers.length] as Claimable;
    return {
      method: "POST",
      path: `/v1/sessions/${buyer.session.id}/decisions`,
      headers: {
        "content-type": "application/json",
        origin,
        authorization: `Bearer ${buyer.session.secret}`,
        "idempotency-key": `bench-${buyer.session.id}`,
      },
      body: JSON.stringify({ offer: fixture.offerId, action: "accept" }),
    };
  };
  return { next, made };
}
