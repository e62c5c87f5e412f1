import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";

const TOKEN = "a-long-enough-admin-token-0123456789";
const KEY = Buffer.alloc(32, 1).toString("base64");
const OLD_KEY = Buffer.alloc(32, 2).toString("base64");
/** What every start needs: the admin token and the key that seals secrets. */
const BASE = { ADMIN_TOKEN: TOKEN, SECRET_KEY: KEY };

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  test("with only ADMIN_TOKEN and SECRET_KEY set, every other setting takes its default", () => {
    expect(loadConfig(BASE)).toEqual({
      port: 8787,
      host: "127.0.0.1",
      publicUrl: "http://127.0.0.1:8787",
      databaseUrl: "sqlite:./data/aquarium.db",
      adminToken: TOKEN,
      logLevel: "info",
      rateLimitPerMinute: 30,
      trustProxy: 0,
      allowLoopbackHttp: false,
      shutdownGraceMs: 10_000,
      stripeApiUrl: "https://api.stripe.com",
      secretKeys: { current: Buffer.from(KEY, "base64"), previous: [] },
    });
  });

  test("every setting given is taken", () => {
    expect(
      loadConfig({
        ...BASE,
        PORT: "9000",
        HOST: "0.0.0.0",
        PUBLIC_URL: "https://offers.fish.example",
        DATABASE_URL: "postgres://aquarium:pw@db.internal:5432/aquarium",
        LOG_LEVEL: "warn",
        RATE_LIMIT_PER_MINUTE: "120",
        TRUST_PROXY: "2",
        ALLOW_LOOPBACK_HTTP: "true",
        SHUTDOWN_GRACE_SECONDS: "30",
        STRIPE_API_URL: "https://stripe.staging.example/",
        SECRET_KEY_PREVIOUS: OLD_KEY,
      }),
    ).toEqual({
      port: 9000,
      host: "0.0.0.0",
      publicUrl: "https://offers.fish.example",
      databaseUrl: "postgres://aquarium:pw@db.internal:5432/aquarium",
      adminToken: TOKEN,
      logLevel: "warn",
      rateLimitPerMinute: 120,
      trustProxy: 2,
      allowLoopbackHttp: true,
      shutdownGraceMs: 30_000,
      stripeApiUrl: "https://stripe.staging.example",
      secretKeys: { current: Buffer.from(KEY, "base64"), previous: [Buffer.from(OLD_KEY, "base64")] },
    });
  });

  test("the default public URL follows the host and port", () => {
    expect(loadConfig({ ...BASE, HOST: "offers.local", PORT: "8080" }).publicUrl).toBe(
      "http://offers.local:8080",
    );
  });

  test("an empty variable counts as unset", () => {
    expect(loadConfig({ ...BASE, PORT: "", LOG_LEVEL: "", DATABASE_URL: "", PUBLIC_URL: "" })).toMatchObject({
      port: 8787,
      logLevel: "info",
      databaseUrl: "sqlite:./data/aquarium.db",
      publicUrl: "http://127.0.0.1:8787",
    });
  });

  test("reads process.env when given nothing", () => {
    const saved = { ...process.env };
    Object.assign(process.env, BASE, { PORT: "8123" });
    try {
      expect(loadConfig()).toMatchObject({ adminToken: TOKEN, port: 8123 });
    } finally {
      for (const name of ["ADMIN_TOKEN", "SECRET_KEY", "PORT"]) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  test.each([
    ["ADMIN_TOKEN", "missing", { SECRET_KEY: KEY }],
    ["ADMIN_TOKEN", "empty", { SECRET_KEY: KEY, ADMIN_TOKEN: "" }],
    ["ADMIN_TOKEN", "23 characters long", { SECRET_KEY: KEY, ADMIN_TOKEN: "x".repeat(23) }],
    ["SECRET_KEY", "missing", { ADMIN_TOKEN: TOKEN }],
    ["SECRET_KEY", "16 bytes long", { ADMIN_TOKEN: TOKEN, SECRET_KEY: Buffer.alloc(16).toString("base64") }],
    ["SECRET_KEY_PREVIOUS", "not a key", { ...BASE, SECRET_KEY_PREVIOUS: "short" }],
    ["TRUST_PROXY", '"yes"', { ...BASE, TRUST_PROXY: "yes" }],
    ["ALLOW_LOOPBACK_HTTP", '"maybe"', { ...BASE, ALLOW_LOOPBACK_HTTP: "maybe" }],
    ["STRIPE_API_URL", "plain http to another machine", { ...BASE, STRIPE_API_URL: "http://stripe.example" }],
    [
      "STRIPE_API_URL",
      "plain http to loopback without ALLOW_LOOPBACK_HTTP",
      { ...BASE, STRIPE_API_URL: "http://127.0.0.1:9" },
    ],
    ["PORT", '"abc"', { ...BASE, PORT: "abc" }],
    ["PORT", "70000", { ...BASE, PORT: "70000" }],
    ["PORT", "-1", { ...BASE, PORT: "-1" }],
    ["PORT", "80.5", { ...BASE, PORT: "80.5" }],
    ["DATABASE_URL", '"mysql://x"', { ...BASE, DATABASE_URL: "mysql://x" }],
    ["LOG_LEVEL", '"loud"', { ...BASE, LOG_LEVEL: "loud" }],
    ["PUBLIC_URL", '"ftp://x"', { ...BASE, PUBLIC_URL: "ftp://x" }],
    ["PUBLIC_URL", '"offers.example"', { ...BASE, PUBLIC_URL: "offers.example" }],
  ])("%s %s stops start-up with a ConfigError naming it", (variable, _, env) => {
    const error = configError(env);
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain(variable);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  test("several wrong values are all named in one error", () => {
    const error = configError({ PORT: "abc", LOG_LEVEL: "loud" });
    for (const variable of ["ADMIN_TOKEN", "PORT", "LOG_LEVEL"]) expect(error.message).toContain(variable);
  });

  test("the admin token and the secret key never appear in a configuration error about something else", () => {
    const error = configError({ ...BASE, PORT: "abc" });
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(KEY);
  });

  test("a missing SECRET_KEY is explained, with how to make one", () => {
    expect(configError({ ADMIN_TOKEN: TOKEN }).message).toMatch(/SECRET_KEY is required.*randomBytes\(32\)/s);
  });

  test.each([
    ["false", 0],
    ["0", 0],
    ["true", 1],
    ["1", 1],
    ["2", 2],
  ])("TRUST_PROXY=%s trusts %i proxies", (given, hops) => {
    expect(loadConfig({ ...BASE, TRUST_PROXY: given }).trustProxy).toBe(hops);
  });

  test.each([
    ["https://offers.fish.example/", "https://offers.fish.example"],
    ["https://fish.example/aquarium/", "https://fish.example/aquarium"],
    ["http://127.0.0.1:9000/", "http://127.0.0.1:9000"],
  ])("PUBLIC_URL %s loses its trailing slash", (given, expected) => {
    expect(loadConfig({ ...BASE, PUBLIC_URL: given }).publicUrl).toBe(expected);
  });

  test.each([
    ["::1", "http://[::1]:8787"],
    ["::", "http://[::]:8787"],
    ["fe80::1", "http://[fe80::1]:8787"],
  ])("an IPv6 HOST %s gives a bracketed public URL", (host, expected) => {
    const config = loadConfig({ ...BASE, HOST: host });
    expect(config.host).toBe(host);
    expect(config.publicUrl).toBe(expected);
    expect(new URL(config.publicUrl).port).toBe("8787");
  });
});
