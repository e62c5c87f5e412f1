import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { AppError } from "../errors.ts";

/**
 * Where the server may send requests on a tenant's word (a seller's webhook URL; later, their shop's and
 * payment provider's addresses): never into the server's own network. The URL must be https, without
 * credentials; its host must resolve only to public unicast addresses (not loopback, private, link-local,
 * unique-local, carrier-grade NAT, multicast, reserved, nor a cloud metadata address). The one exception,
 * for development, is loopback (plain http, or https) when the operator sets ALLOW_LOOPBACK_HTTP=true.
 */
export interface Destination {
  url: URL;
  /** The address the request must connect to: the one that was checked, not a second lookup's. */
  address: string;
  family: 4 | 6;
}

/** A host name's addresses (every one of them). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** Metadata services answer on otherwise unremarkable addresses of some clouds. */
const METADATA = new Set([
  "169.254.169.254",
  "169.254.170.2",
  "100.100.100.200",
  "192.0.0.192",
  "fd00:ec2::254",
]);

const refused = (message: string) =>
  new AppError("invalid_request", `webhookUrl: ${message}`, { fields: { webhookUrl: message } });

/** Is this address somewhere the server may connect to on a tenant's word? */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return (
    parsed.range() === "unicast" &&
    !METADATA.has(parsed.toNormalizedString()) &&
    !METADATA.has(parsed.toString())
  );
}

const isLoopback = (address: string) => {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === "loopback";
};

/** What can be said of a URL without looking anything up: its scheme and its credentials. */
export function checkUrl(raw: string, allowLoopbackHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused("must be a web address, like https://shop.example/aquarium");
  }
  if (url.username || url.password) throw refused("must not carry a user name or password");
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && allowLoopbackHttp) return url;
  throw refused("must be https");
}

/**
 * Resolves the URL's host and checks every address it has (a name with one private address among public
 * ones is refused: the resolver may hand out either). Answers the first address, to connect to.
 */
export async function resolveDestination(
  raw: string,
  allowLoopbackHttp: boolean,
  resolve: Resolver = systemResolver,
): Promise<Destination> {
  const url = checkUrl(raw, allowLoopbackHttp);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: number }[];
  try {
    addresses = ipaddr.isValid(host)
      ? [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }]
      : await resolve(host);
  } catch {
    throw refused(`its host ${host} could not be found`);
  }
  if (addresses.length === 0) throw refused(`its host ${host} could not be found`);
  for (const { address } of addresses) {
    // In development this machine is reachable (over http, or https with a certificate of its own).
    const devLoopback = allowLoopbackHttp && isLoopback(address);
    if (url.protocol === "http:" && !devLoopback)
      throw refused("must be https (plain http only to this machine, in development)");
    if (!devLoopback && !isPublicAddress(address)) {
      throw refused(`must be a public address: ${host} leads into a private network`);
    }
  }
  const [first] = addresses as [{ address: string; family: number }];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
