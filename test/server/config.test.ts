import { describe, expect, test } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";

const TOKEN = "a-long-enough-admin-token-0123456789";

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
  test("with only ADMIN_TOKEN set, every other setting takes its default", () => {
    expect(loadConfig({ ADMIN_TOKEN: TOKEN })).toEqual({
      port: 8787,
      host: "127.0.0.1",
      publicUrl: "http://127.0.0.1:8787",
      databaseUrl: "sqlite:./data/aquarium.db",
      adminToken: TOKEN,
      logLevel: "info",
      rateLimitPerMinute: 30,
      trustProxy: false,
    });
  });

  test("every setting given is taken", () => {
    expect(
      loadConfig({
        ADMIN_TOKEN: TOKEN,
        PORT: "9000",
        HOST: "0.0.0.0",
        PUBLIC_URL: "https://offers.fish.example",
        DATABASE_URL: "postgres://aquarium:pw@db.internal:5432/aquarium",
        LOG_LEVEL: "warn",
        RATE_LIMIT_PER_MINUTE: "120",
        TRUST_PROXY: "true",
      }),
    ).toEqual({
      port: 9000,
      host: "0.0.0.0",
      publicUrl: "https://offers.fish.example",
      databaseUrl: "postgres://aquarium:pw@db.internal:5432/aquarium",
      adminToken: TOKEN,
      logLevel: "warn",
      rateLimitPerMinute: 120,
      trustProxy: true,
    });
  });

  test("the default public URL follows the host and port", () => {
    expect(loadConfig({ ADMIN_TOKEN: TOKEN, HOST: "offers.local", PORT: "8080" }).publicUrl).toBe(
      "http://offers.local:8080",
    );
  });

  test("an empty variable counts as unset", () => {
    expect(
      loadConfig({ ADMIN_TOKEN: TOKEN, PORT: "", LOG_LEVEL: "", DATABASE_URL: "", PUBLIC_URL: "" }),
    ).toMatchObject({
      port: 8787,
      logLevel: "info",
      databaseUrl: "sqlite:./data/aquarium.db",
      publicUrl: "http://127.0.0.1:8787",
    });
  });

  test("reads process.env when given nothing", () => {
    const saved = process.env.ADMIN_TOKEN;
    const savedPort = process.env.PORT;
    process.env.ADMIN_TOKEN = TOKEN;
    process.env.PORT = "8123";
    try {
      expect(loadConfig()).toMatchObject({ adminToken: TOKEN, port: 8123 });
    } finally {
      if (saved === undefined) delete process.env.ADMIN_TOKEN;
      else process.env.ADMIN_TOKEN = saved;
      if (savedPort === undefined) delete process.env.PORT;
      else process.env.PORT = savedPort;
    }
  });

  test.each([
    ["ADMIN_TOKEN", "missing", {}],
    ["ADMIN_TOKEN", "empty", { ADMIN_TOKEN: "" }],
    ["ADMIN_TOKEN", "23 characters long", { ADMIN_TOKEN: "x".repeat(23) }],
    ["PORT", '"abc"', { ADMIN_TOKEN: TOKEN, PORT: "abc" }],
    ["PORT", "70000", { ADMIN_TOKEN: TOKEN, PORT: "70000" }],
    ["PORT", "-1", { ADMIN_TOKEN: TOKEN, PORT: "-1" }],
    ["PORT", "80.5", { ADMIN_TOKEN: TOKEN, PORT: "80.5" }],
    ["DATABASE_URL", '"mysql://x"', { ADMIN_TOKEN: TOKEN, DATABASE_URL: "mysql://x" }],
    ["LOG_LEVEL", '"loud"', { ADMIN_TOKEN: TOKEN, LOG_LEVEL: "loud" }],
    ["PUBLIC_URL", '"ftp://x"', { ADMIN_TOKEN: TOKEN, PUBLIC_URL: "ftp://x" }],
    ["PUBLIC_URL", '"offers.example"', { ADMIN_TOKEN: TOKEN, PUBLIC_URL: "offers.example" }],
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

  test("the admin token never appears in a configuration error about something else", () => {
    const error = configError({ ADMIN_TOKEN: TOKEN, PORT: "abc" });
    expect(error.message).not.toContain(TOKEN);
  });

  test.each([
    ["https://offers.fish.example/", "https://offers.fish.example"],
    ["https://fish.example/aquarium/", "https://fish.example/aquarium"],
    ["http://127.0.0.1:9000/", "http://127.0.0.1:9000"],
  ])("PUBLIC_URL %s loses its trailing slash", (given, expected) => {
    expect(loadConfig({ ADMIN_TOKEN: TOKEN, PUBLIC_URL: given }).publicUrl).toBe(expected);
  });

  test.each([
    ["::1", "http://[::1]:8787"],
    ["::", "http://[::]:8787"],
    ["fe80::1", "http://[fe80::1]:8787"],
  ])("an IPv6 HOST %s gives a bracketed public URL", (host, expected) => {
    const config = loadConfig({ ADMIN_TOKEN: TOKEN, HOST: host });
    expect(config.host).toBe(host);
    expect(config.publicUrl).toBe(expected);
    expect(new URL(config.publicUrl).port).toBe("8787");
  });
});
