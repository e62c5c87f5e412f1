import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import ipaddr from "ipaddr.js";

/**
 * The client a request comes from, as rate limits count it. Behind `trustedProxies` reverse proxies, each of
 * which appends the address it received from to X-Forwarded-For, the client is the rightmost address that no
 * trusted proxy added: anything further left was written by the client itself, and is not believed.
 * "unknown" where there is no socket (requests made in-process).
 */
export function clientIp(c: Context, trustedProxies = 0): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? "unknown";
  } catch {
    peer = "unknown";
  }
  if (trustedProxies === 0) return clientKey(peer);
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The peer is the last proxy; each trusted proxy before it added one address on the right.
  const chain = [...forwarded, peer];
  return clientKey(chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? peer);
}

/**
 * What a limit counts an address as: an IPv4 address as it is, an IPv6 one by its /64 (one subscriber's
 * network: a client holds the whole /64 and could otherwise change its address at every request).
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
