import type { Kysely, Selectable } from "kysely";
import type { Offer } from "../contract/index.ts";
import type { Outcome, Session, Step } from "../domain.ts";
import { newId } from "../ids.ts";
import { toOrder } from "./orders.ts";
import { prepared } from "./prepared.ts";
import type { Database } from "./schema.ts";
import type { SessionStore } from "./store.ts";

function toSession(row: Selectable<Database["sessions"]>): Session {
  return {
    id: row.id,
    siteId: row.site_id,
    orderId: row.order_id,
    secretHash: row.secret_hash,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

/** What became of a shown offer, read off its decision (if any) and that decision's payment. */
export function outcomeOf(
  decision: { action: string | null; payment_status: string | null; settled_at: number | null } | null,
): Outcome {
  if (!decision?.action) return null;
  if (decision.action === "decline") return "declined";
  if (decision.settled_at === null) return "pending";
  return decision.payment_status === "failed" ? "failed" : "accepted";
}

/** The impression of `offer` as shown to a session, snapshot included. */
export const impressionRow = (session: { id: string; siteId: string }, offer: Offer, now: number) => ({
  session_id: session.id,
  offer_id: offer.id,
  site_id: session.siteId,
  step: offer.step,
  shown_at: now,
  offer: JSON.stringify(offer),
});

/** A session's columns, renamed beside another table's. */
interface SessionColumns {
  s_id: string;
  s_site_id: string;
  s_order_id: string;
  s_secret_hash: string;
  s_expires_at: number;
  s_created_at: number;
}

/** A shown offer's row, with its decision's outcome columns. */
interface StepRow {
  offerId: string | null;
  offer: string | null;
  action: string | null;
  payment_status: string | null;
  settled_at: number | null;
}

const toStep = (row: StepRow): Step => ({
  offerId: row.offerId ?? "",
  shown: row.offer ? (JSON.parse(row.offer) as Offer) : null,
  outcome: outcomeOf(row),
});

/** The session in rows of an order's (renamed s_…), with its steps; null when the order has none. */
function claimedOf(rows: (SessionColumns & StepRow)[]): { session: Session; steps: Step[] } | null {
  const first = rows[0];
  if (!first?.s_id) return null;
  const session: Session = {
    id: first.s_id,
    siteId: first.s_site_id,
    orderId: first.s_order_id,
    secretHash: first.s_secret_hash,
    expiresAt: first.s_expires_at,
    createdAt: first.s_created_at,
  };
  return { session, steps: first.offerId === null ? [] : rows.map(toStep) };
}

export function sessionStore(db: Kysely<Database>): SessionStore {
  // The hot path's queries, compiled once (prepared.ts).
  const stepColumns = [
    "impressions.offer_id as offerId",
    "impressions.offer as offer",
    "decisions.action as action",
    "decisions.payment_status as payment_status",
    "decisions.settled_at as settled_at",
  ] as const;
  const stepsOf = prepared<{ sessionId: string }, StepRow>((param) =>
    db
      .selectFrom("impressions")
      .leftJoin("decisions", (join) =>
        join
          .onRef("decisions.session_id", "=", "impressions.session_id")
          .onRef("decisions.offer_id", "=", "impressions.offer_id"),
      )
      .select(stepColumns)
      .where("impressions.session_id", "=", param("sessionId"))
      .orderBy("impressions.step"),
  );
  // An order's session and every step of it: one row per offer shown (one row with no step before any).
  const sessionWithSteps = prepared<{ orderId: string }, Selectable<Database["sessions"]> & StepRow>(
    (param) =>
      db
        .selectFrom("sessions")
        .leftJoin("impressions", "impressions.session_id", "sessions.id")
        .leftJoin("decisions", (join) =>
          join
            .onRef("decisions.session_id", "=", "impressions.session_id")
            .onRef("decisions.offer_id", "=", "impressions.offer_id"),
        )
        .selectAll("sessions")
        .select(stepColumns)
        .where("sessions.order_id", "=", param("orderId"))
        .orderBy("impressions.step"),
  );
  const insertSession = prepared<
    { id: string; siteId: string; orderId: string; secretHash: string; expiresAt: number; createdAt: number },
    never
  >((param) =>
    db
      .insertInto("sessions")
      .values({
        id: param("id"),
        site_id: param("siteId"),
        order_id: param("orderId"),
        secret_hash: param("secretHash"),
        expires_at: param("expiresAt"),
        created_at: param("createdAt"),
      })
      .onConflict((oc) => oc.column("order_id").doNothing()),
  );
  // The session's columns, renamed (s_…) beside an order's own.
  const sessionColumns = [
    "sessions.id as s_id",
    "sessions.site_id as s_site_id",
    "sessions.order_id as s_order_id",
    "sessions.secret_hash as s_secret_hash",
    "sessions.expires_at as s_expires_at",
    "sessions.created_at as s_created_at",
  ] as const;
  type OrderRow = Selectable<Database["orders"]> & SessionColumns & StepRow;
  // An order a thank-you page names, with its session (if claimed) and every step of it: one row per offer shown.
  const orderWithSession = prepared<{ siteId: string; source: string; externalId: string }, OrderRow>(
    (param) =>
      db
        .selectFrom("orders")
        .leftJoin("sessions", "sessions.order_id", "orders.id")
        .leftJoin("impressions", "impressions.session_id", "sessions.id")
        .leftJoin("decisions", (join) =>
          join
            .onRef("decisions.session_id", "=", "impressions.session_id")
            .onRef("decisions.offer_id", "=", "impressions.offer_id"),
        )
        .selectAll("orders")
        .select([...sessionColumns, ...stepColumns])
        .where("orders.site_id", "=", param("siteId"))
        .where("orders.source", "=", param("source"))
        .where("orders.external_id", "=", param("externalId"))
        .orderBy("impressions.step"),
  );
  // A session with its order and every step of it, for a decision: one row per offer shown.
  const sessionWithOrder = prepared<{ sessionId: string }, OrderRow>((param) =>
    db
      .selectFrom("sessions")
      .innerJoin("orders", "orders.id", "sessions.order_id")
      .leftJoin("impressions", "impressions.session_id", "sessions.id")
      .leftJoin("decisions", (join) =>
        join
          .onRef("decisions.session_id", "=", "impressions.session_id")
          .onRef("decisions.offer_id", "=", "impressions.offer_id"),
      )
      .selectAll("orders")
      .select([...sessionColumns, ...stepColumns])
      .where("sessions.id", "=", param("sessionId"))
      .orderBy("impressions.step"),
  );
  const sessionOfOrder = async (orderId: string) => {
    const { rows } = await sessionWithSteps(db, { orderId });
    const first = rows[0];
    if (!first) return null;
    return { session: toSession(first), steps: first.offerId === null ? [] : rows.map(toStep) };
  };

  return {
    async access(sessionId) {
      const { rows } = await sessionWithOrder(db, { sessionId });
      const first = rows[0];
      const claimed = first ? claimedOf(rows) : null;
      return first && claimed ? { ...claimed, order: toOrder(first) } : null;
    },

    async ofReference(siteId, source, externalId) {
      const { rows } = await orderWithSession(db, { siteId, source, externalId });
      const first = rows[0];
      return first ? { order: toOrder(first), claimed: claimedOf(rows) } : null;
    },

    async get(id) {
      const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async claim(session, now, known) {
      // A browser coming back (the page reloaded, a retry) finds its session and steps in one read (or already
      // read with its order), writing nothing.
      const found = known === undefined ? await sessionOfOrder(session.orderId) : known;
      if (found) return { ...found, created: false };
      const id = newId("sess");
      const inserted = await insertSession(db, {
        id,
        siteId: session.siteId,
        orderId: session.orderId,
        secretHash: session.secretHash,
        expiresAt: session.expiresAt,
        createdAt: now,
      });
      if (inserted.numAffectedRows === 0n) {
        // Another browser's first claim won the race: the unique order_id kept theirs.
        const winner = await sessionOfOrder(session.orderId);
        if (!winner) throw new Error("a session conflicted but none can be found");
        return { ...winner, created: false };
      }
      return { session: { ...session, id, createdAt: now }, created: true, steps: [] };
    },

    async order(session) {
      const row = await db
        .selectFrom("orders")
        .selectAll()
        .where("id", "=", session.orderId)
        .executeTakeFirst();
      return row ? toOrder(row) : null;
    },

    async steps(sessionId) {
      return (await stepsOf(db, { sessionId })).rows.map(toStep);
    },

    async show(session, offer, now) {
      await db
        .insertInto("impressions")
        .values(impressionRow(session, offer, now))
        // Once per offer; an impression recorded before snapshots were kept gets its snapshot now.
        .onConflict((oc) =>
          oc
            .columns(["session_id", "offer_id"])
            .doUpdateSet({ offer: JSON.stringify(offer) })
            .where("impressions.offer", "is", null),
        )
        .execute();
    },
  };
}
