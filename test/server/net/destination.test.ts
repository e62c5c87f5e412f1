import { describe, expect, test } from "vitest";
import { AppError } from "../../../server/errors.ts";
import { isPublicAddress, resolveDestination } from "../../../server/net/destination.ts";
import { testResolver } from "../../support/dns.ts";

async function refusalOf(url: string, allowLoopbackHttp = false): Promise<AppError> {
  const error = await resolveDestination(url, allowLoopbackHttp, testResolver).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("where the server may send a tenant's requests", () => {
  test.each([
    ["plain http", "http://shop.example/hook", "must be https"],
    ["credentials in the URL", "https://user:pw@shop.example/hook", "user name or password"],
    ["a loopback address", "https://127.0.0.1/hook", "public address"],
    ["a name for loopback", "https://loopback.example/hook", "public address"],
    ["a private address", "https://10.0.0.5/hook", "public address"],
    ["a name for a private address", "https://private.example/hook", "public address"],
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data", "public address"],
    ["a name for the metadata address", "https://metadata.example/", "public address"],
    ["a link-local IPv6 address", "https://[fe80::1]/hook", "public address"],
    ["a unique-local IPv6 name", "https://ula.example/hook", "public address"],
    ["an IPv4-mapped private address", "https://[::ffff:192.168.0.1]/hook", "public address"],
    ["a multicast address", "https://224.0.0.1/hook", "public address"],
    ["a name with one public and one private address", "https://rebind.example/hook", "public address"],
    ["a name that does not resolve", "https://nowhere.invalid/hook", "could not be found"],
    ["something that is not a URL", "shop.example/hook", "web address"],
  ])("%s is refused, naming the webhook URL field", async (_name, url, words) => {
    const error = await refusalOf(url);
    expect(error.code).toBe("invalid_request");
    expect(error.fields?.webhookUrl).toContain(words);
  });

  test("a public https address is accepted, and the address to connect to is the one checked", async () => {
    const destination = await resolveDestination("https://shop.example/hook", false, testResolver);
    expect(destination).toMatchObject({ address: "93.184.215.14", family: 4 });
    expect(destination.url.hostname).toBe("shop.example");
  });

  test("plain http to loopback only with ALLOW_LOOPBACK_HTTP, and never plain http elsewhere", async () => {
    await expect(resolveDestination("http://127.0.0.1:9/hook", true, testResolver)).resolves.toMatchObject({
      address: "127.0.0.1",
    });
    expect((await refusalOf("http://127.0.0.1:9/hook", false)).fields?.webhookUrl).toContain("https");
    expect((await refusalOf("http://shop.example/hook", true)).fields?.webhookUrl).toContain("https");
    expect((await refusalOf("http://private.example/hook", true)).fields?.webhookUrl).toContain("https");
  });

  test.each([
    ["93.184.215.14", true],
    ["2606:2800:21f:cb07:6820:80da:af6b:8b2c", true],
    ["100.100.100.200", false],
    ["192.0.0.192", false],
    ["fd00:ec2::254", false],
    ["0.0.0.0", false],
    ["::", false],
  ])("%s counts as public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});
