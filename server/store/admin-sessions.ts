import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";
import type { AdminSessionStore } from "./store.ts";

export function adminSessionStore(db: Kysely<Database>): AdminSessionStore {
  return {
    async create(tokenHash, session, now) {
      // Expired logins are swept as new ones are made: the table stays the size of the live ones.
      await db.deleteFrom("admin_sessions").where("expires_at", "<=", now).execute();
      await db
        .insertInto("admin_sessions")
        .values({
          token_hash: tokenHash,
          scope: session.scope,
          expires_at: session.expiresAt,
          credential: session.credential,
          created_at: now,
        })
        .execute();
    },

    async find(tokenHash, now) {
      const row = await db
        .selectFrom("admin_sessions")
        .select(["scope", "expires_at", "credential"])
        .where("token_hash", "=", tokenHash)
        .where("expires_at", ">", now)
        .executeTakeFirst();
      return row ? { scope: row.scope, expiresAt: row.expires_at, credential: row.credential } : null;
    },

    async remove(tokenHash) {
      await db.deleteFrom("admin_sessions").where("token_hash", "=", tokenHash).execute();
    },

    async removeScope(scope) {
      const result = await db.deleteFrom("admin_sessions").where("scope", "=", scope).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
