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
    /** How many reverse proxies stand in front, each appending to X-Forwarded-For ("true" is one). */
    TRUST_PROXY: z
      .string()
      .regex(
        /^(true|false|\d{1,2})$/,
        "TRUST_PROXY is the number of trusted proxies in front (0, 1, 2…), or true for one",
      )
      .default("0")
      .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value))),
    /** Where the Stripe SDK sends its requests: Stripe itself, or a stand-in for tests and staging. */
    STRIPE_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.stripe.com"),
    /** On SIGTERM, how long requests in flight may take before their connections are cut. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /** Development only: lets webhook, shop and payment URLs be plain http to this machine (loopback). */
    ALLOW_LOOPBACK_HTTP: z.stringbool().default(false),
    SECRET_KEY: z
      .string({
        error:
          "SECRET_KEY is required: 32 random bytes, base64, that seal the secrets the server keeps (make one with: node -e \"console.log(crypto.randomBytes(32).toString('base64'))\")",
      })
      .refine(
        (value) => Buffer.from(value, "base64").length === 32,
        "SECRET_KEY must be 32 random bytes, base64",
      ),
    SECRET_KEY_PREVIOUS: z
      .string()
      .refine(
        (value) => value.split(",").every((key) => Buffer.from(key.trim(), "base64").length === 32),
        "SECRET_KEY_PREVIOUS must be keys of 32 bytes, base64, separated by commas",
      )
      .optional(),
  })
  .superRefine((env, context) => {
    // Credentials for a payment provider never travel in the clear, but to this very machine in development.
    const url = new URL(env.STRIPE_API_URL);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    if (url.protocol === "http:" && !(loopback && env.ALLOW_LOOPBACK_HTTP)) {
      context.addIssue({
        code: "custom",
        path: ["STRIPE_API_URL"],
        message:
          "STRIPE_API_URL must be https (plain http only to this machine, with ALLOW_LOOPBACK_HTTP=true)",
      });
    }
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
      ALLOW_LOOPBACK_HTTP,
      SHUTDOWN_GRACE_SECONDS,
      STRIPE_API_URL,
      SECRET_KEY,
      SECRET_KEY_PREVIOUS,
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
      /** Behind N reverse proxies: the client is the rightmost address they did not add themselves. */
      trustProxy: TRUST_PROXY,
      allowLoopbackHttp: ALLOW_LOOPBACK_HTTP,
      shutdownGraceMs: SHUTDOWN_GRACE_SECONDS * 1000,
      stripeApiUrl: STRIPE_API_URL.replace(/\/$/, ""),
      /** Seals the secrets the server must use again; older keys still open what they sealed (rotation). */
      secretKeys: {
        current: Buffer.from(SECRET_KEY, "base64"),
        previous: (SECRET_KEY_PREVIOUS ?? "")
          .split(",")
          .filter((key) => key.trim())
          .map((key) => Buffer.from(key.trim(), "base64")),
      },
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
