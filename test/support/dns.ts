import type { Resolver } from "../../server/net/destination.ts";

/**
 * A stand-in for DNS, which this machine has none of: `.example` names (reserved, never resolvable in the
 * real world) resolve to a public address (example.com's), and a few name the addresses an attacker would
 * aim a webhook at. Any other name is unknown.
 */
const NAMES: Record<string, string[]> = {
  "private.example": ["10.0.0.5"],
  "metadata.example": ["169.254.169.254"],
  "loopback.example": ["127.0.0.1"],
  "ula.example": ["fd12:3456:789a::1"],
  // One public address and one private: the resolver may hand out either, so the name is refused.
  "rebind.example": ["93.184.215.14", "192.168.1.20"],
};

export const testResolver: Resolver = async (host) => {
  const addresses = NAMES[host] ?? (host.endsWith(".example") ? ["93.184.215.14"] : null);
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};
