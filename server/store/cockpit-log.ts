import type { Kysely } from "kysely";
import type { ClaimOutcome, HookOutcome, HookSource, OrderReference } from "../contract/index.ts";
import { newId } from "../ids.ts";
import { isForeignKeyViolation } from "./failures.ts";
import type { Database } from "./schema.ts";

/** Kept per site and platform: the cockpit lists the last deliveries, not a history. */
export const HOOKS_KEPT = 100;
/** Kept per site and origin, and at most this many claims per site in all (origins are the sender's word). */
export const CLAIMS_KEPT_PER_ORIGIN = 50;
export const CLAIMS_KEPT_PER_SITE = 300;
/** At most this many records a minute per site and log, per process; more are not kept (the log is a sample). */
export const RECORDS_PER_MINUTE = 120;
/** Waiting to be written at most: past it, records are dropped until the next flush. */
const MAX_BUFFERED = 2_000;
const ORIGIN_MAX = 200;

export interface HookEntry {
  siteId: string;
  source: HookSource;
  outcome: HookOutcome;
  order: string | null;
  /** SKUs of an order none of whose lines is a catalogue product (a few, for the seller to compare). */
  unknownSkus?: string[];
  test: boolean;
  at: number;
}

export interface ClaimEntry {
  siteId: string;
  origin: string | null;
  outcome: ClaimOutcome;
  reference: OrderReference["source"] | null;
  order: string | null;
  test: boolean;
  at: number;
}

/** A delivery as the cockpit reads it back. */
export type HookSeen = Omit<HookEntry, "siteId" | "unknownSkus"> & { unknownSkus: string[] };
/** A claim as the cockpit reads it back. */
export type ClaimSeen = Omit<ClaimEntry, "siteId">;

export interface CockpitLogStore {
  /** Keeps a delivery's outcome for the cockpit; never throws, never waits (see cockpitLogStore). */
  recordHook(entry: HookEntry): void;
  /** Keeps a claim's outcome for the cockpit; never throws, never waits. */
  recordClaim(entry: ClaimEntry): void;
  /** Writes what was recorded since the last flush. */
  flush(): Promise<void>;
  /** The site's last deliveries, newest first (up to HOOKS_KEPT per platform). */
  hooks(siteId: string): Promise<HookSeen[]>;
  /** The site's last claims, newest first. */
  claims(siteId: string): Promise<ClaimSeen[]>;
  /** Deletes all but the newest rows per site and platform, and per site and origin; answers how many went. */
  prune(): Promise<number>;
}

type HookRow = Database["hook_log"];
type ClaimRow = Database["claim_log"];

const hookRow = (entry: HookEntry): HookRow => ({
  id: newId("hook"),
  site_id: entry.siteId,
  source: entry.source,
  received_at: entry.at,
  outcome: entry.outcome,
  order_ref: entry.order?.slice(0, 200) ?? null,
  detail: entry.unknownSkus?.length
    ? JSON.stringify(entry.unknownSkus.slice(0, 5).map((sku) => sku.slice(0, 64)))
    : null,
  test: entry.test ? 1 : 0,
});

const claimRow = (entry: ClaimEntry): ClaimRow => ({
  id: newId("claim"),
  site_id: entry.siteId,
  origin: (entry.origin ?? "").slice(0, ORIGIN_MAX),
  claimed_at: entry.at,
  outcome: entry.outcome,
  reference: entry.reference,
  order_ref: entry.order?.slice(0, 200) ?? null,
  test: entry.test ? 1 : 0,
});

/**
 * The seller's cockpit logs: the last order deliveries per platform and the last claims per origin. Recording
 * is synchronous and cannot fail (nothing waits on it: neither a platform's webhook nor a buyer's claim):
 * records wait in memory and are written together, in one transaction, by `flush` (every second, and before
 * every read, so a process reads what it recorded). The rate of writes is bounded per site, and `prune` keeps
 * only the newest rows. A crash loses at most the last second of records: this is a diagnostic, not a ledger.
 */
export function cockpitLogStore(db: Kysely<Database>): CockpitLogStore {
  let hooks: HookRow[] = [];
  let claims: ClaimRow[] = [];
  const tallies = new Map<string, { minute: number; count: number }>();

  /** Whether one more record of this site and log may be kept this minute. */
  function admit(key: string, at: number): boolean {
    if (hooks.length + claims.length >= MAX_BUFFERED) return false;
    const minute = Math.floor(at / 60_000);
    const tally = tallies.get(key);
    if (!tally || tally.minute !== minute) {
      // Old minutes' tallies are forgotten as new ones start, so the map holds about the sites of one minute.
      if (!tally && tallies.size > 10_000) tallies.clear();
      tallies.set(key, { minute, count: 1 });
      return true;
    }
    tally.count += 1;
    return tally.count <= RECORDS_PER_MINUTE;
  }

  /** The flush under way: the next waits for it, so that a read that flushed sees every earlier record. */
  let writing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    const next = writing.then(write, write);
    writing = next.catch(() => {});
    return next;
  }

  async function write(): Promise<void> {
    const [hookRows, claimRows] = [hooks, claims];
    if (hookRows.length === 0 && claimRows.length === 0) return;
    hooks = [];
    claims = [];
    try {
      await db.transaction().execute(async (tx) => {
        if (hookRows.length > 0) await tx.insertInto("hook_log").values(hookRows).execute();
        if (claimRows.length > 0) await tx.insertInto("claim_log").values(claimRows).execute();
      });
    } catch (error) {
      // Kept for the next flush; unless a site was deleted meanwhile: its rows would fail every time, the batch goes.
      if (!isForeignKeyViolation(error)) {
        hooks = [...hookRows, ...hooks].slice(0, MAX_BUFFERED);
        claims = [...claimRows, ...claims].slice(0, MAX_BUFFERED);
      }
      throw error;
    }
  }

  return {
    recordHook(entry) {
      if (admit(`h:${entry.siteId}`, entry.at)) hooks.push(hookRow(entry));
    },

    recordClaim(entry) {
      if (admit(`c:${entry.siteId}`, entry.at)) claims.push(claimRow(entry));
    },

    flush,

    async hooks(siteId) {
      await flush();
      const rows = await db
        .selectFrom("hook_log")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("received_at", "desc")
        .orderBy("id", "desc")
        .limit(HOOKS_KEPT * 3)
        .execute();
      return rows.map((row) => ({
        source: row.source as HookSource,
        outcome: row.outcome as HookOutcome,
        order: row.order_ref,
        unknownSkus: row.detail ? (JSON.parse(row.detail) as string[]) : [],
        test: row.test === 1,
        at: Number(row.received_at),
      }));
    },

    async claims(siteId) {
      await flush();
      const rows = await db
        .selectFrom("claim_log")
        .selectAll()
        .where("site_id", "=", siteId)
        .orderBy("claimed_at", "desc")
        .orderBy("id", "desc")
        .limit(CLAIMS_KEPT_PER_SITE)
        .execute();
      return rows.map((row) => ({
        origin: row.origin === "" ? null : row.origin,
        outcome: row.outcome as ClaimOutcome,
        reference: row.reference as OrderReference["source"] | null,
        order: row.order_ref,
        test: row.test === 1,
        at: Number(row.claimed_at),
      }));
    },

    async prune() {
      await flush();
      const hookRanks = db.selectFrom("hook_log").select((eb) => [
        "id",
        eb.fn
          .agg<number>("row_number")
          .over((over) => over.partitionBy(["site_id", "source"]).orderBy("received_at", "desc"))
          .as("n"),
      ]);
      const claimRanks = db.selectFrom("claim_log").select((eb) => [
        "id",
        eb.fn
          .agg<number>("row_number")
          .over((over) => over.partitionBy(["site_id", "origin"]).orderBy("claimed_at", "desc"))
          .as("per_origin"),
        eb.fn
          .agg<number>("row_number")
          .over((over) => over.partitionBy("site_id").orderBy("claimed_at", "desc"))
          .as("per_site"),
      ]);
      const [hooksGone, claimsGone] = await Promise.all([
        db
          .deleteFrom("hook_log")
          .where("id", "in", db.selectFrom(hookRanks.as("r")).select("r.id").where("r.n", ">", HOOKS_KEPT))
          .executeTakeFirst(),
        db
          .deleteFrom("claim_log")
          .where(
            "id",
            "in",
            db
              .selectFrom(claimRanks.as("r"))
              .select("r.id")
              .where((eb) =>
                eb.or([
                  eb("r.per_origin", ">", CLAIMS_KEPT_PER_ORIGIN),
                  eb("r.per_site", ">", CLAIMS_KEPT_PER_SITE),
                ]),
              ),
          )
          .executeTakeFirst(),
      ]);
      return Number(hooksGone.numDeletedRows) + Number(claimsGone.numDeletedRows);
    },
  };
}
