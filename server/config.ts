import { z } from "zod";

const Config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().min(1).default("127.0.0.1"),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, "sqlite:<file> or postgres://…")
      .default("sqlite:./data/aquarium.db"),
    ADMIN_TOKEN: z
      .string({ error: "ADMIN_TOKEN is required: the bearer token of the admin API (24 characters or more)" })
      .min(24, "ADMIN_TOKEN must be 24 characters or more"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    TRUST_PROXY: z.stringbool().default(false),
  })
  .transform(
    ({
      PORT,
      HOST,
      PUBLIC_URL,
      DATABASE_URL,
      ADMIN_TOKEN,
      LOG_LEVEL,
      RATE_LIMIT_PER_MINUTE,
      TRUST_PROXY,
    }) => ({
      port: PORT,
      host: HOST,
      publicUrl: (PUBLIC_URL ?? `http://${HOST.includes(":") ? `[${HOST}]` : HOST}:${PORT}`).replace(
        /\/$/,
        "",
      ),
      databaseUrl: DATABASE_URL,
      adminToken: ADMIN_TOKEN,
      logLevel: LOG_LEVEL,
      /** Claims per minute from one client; decisions get twice as many, a whole site a hundred times more. */
      rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
      /** Behind a reverse proxy: the client is the first address of X-Forwarded-For, not the proxy. */
      trustProxy: TRUST_PROXY,
    }),
  );

export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the configuration from the environment; a wrong value stops start-up with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = Config.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "config"}: ${issue.message}`,
    );
    throw new ConfigError(`Aquarium cannot start, the configuration is wrong:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
