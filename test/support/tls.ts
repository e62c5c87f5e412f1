import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";

/** The name the fake shop answers HTTPS on: test/support/dns.ts resolves it to 127.0.0.1. */
export const TEST_SHOP_HOST = "loopback.example";

let made: { key: string; cert: string } | undefined;

/**
 * A certificate for the tests' HTTPS servers (the fake WooCommerce), made once per process with the `openssl`
 * command, and trusted by this process's TLS clients as a shop's CA-signed certificate is in production:
 * the server's requests to the shop verify it like any other, nothing is switched off.
 */
export function testCertificate(): { key: string; cert: string } {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), "aq-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Aquarium test shop",
        "-addext",
        `subjectAltName=DNS:${TEST_SHOP_HOST},DNS:localhost,IP:127.0.0.1`,
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    made = {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  tls.setDefaultCACertificates([...tls.getCACertificates("default"), made.cert]);
  return made;
}
