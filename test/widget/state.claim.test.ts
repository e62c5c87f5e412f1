import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { SessionSecret } from "../../server/contract/ids.ts";
import { ApiError } from "../../widget/api.ts";
import { createController } from "../../widget/state.ts";
import { createStorage } from "../../widget/storage.ts";
import {
  type ClaimOutcome,
  fakeApi,
  memoryStorage,
  notFound,
  ORDER,
  offer,
  refusal,
  SITE,
} from "../support/widget-api.ts";

const START = Date.UTC(2026, 10, 22, 12, 0, 0);
const OFFER = offer("offer_abcdefgh");

/** A controller on the fake api, its claims' times in seconds after the start. */
function claiming(
  outcome: (n: number) => ClaimOutcome | Promise<ClaimOutcome>,
  options: { delays?: number[]; for?: number; storage?: Storage | null; page?: EventTarget } = {},
) {
  const { api, calls } = fakeApi(outcome);
  const shared = options.storage === undefined ? memoryStorage() : options.storage;
  const storage = createStorage(() => shared ?? undefined);
  const controller = createController({
    api,
    storage,
    site: SITE,
    order: ORDER,
    retry: { delays: options.delays, for: options.for },
    ...(options.page && { page: options.page }),
  });
  return {
    controller,
    storage,
    calls,
    seconds: () => calls.claims.map((claim) => (claim.at - START) / 1000),
  };
}

/** Lets every timer of the next `minutes` run, with the answers they wait for. */
const wait = (minutes: number) => vi.advanceTimersByTimeAsync(minutes * 60_000);

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the claim while the order is not there yet", () => {
  test("claims at 0, 1, 3, 6, 11, 19 and 32 s, then every 15 s until 3 minutes after the start, then gives up", async () => {
    const { controller, seconds } = claiming(notFound);
    const started = controller.start();
    await wait(10);
    await expect(started).resolves.toBe(false);
    expect(seconds()).toEqual([0, 1, 3, 6, 11, 19, 32, 47, 62, 77, 92, 107, 122, 137, 152, 167]);
  });

  test("a shortened schedule (0.5 s, then every 1 s, for 4 s) claims at 0, 0.5, 1.5, 2.5 and 3.5 s", async () => {
    const { controller, seconds } = claiming(notFound, { delays: [0.5, 1], for: 4 });
    const started = controller.start();
    await wait(1);
    await expect(started).resolves.toBe(false);
    expect(seconds()).toEqual([0, 0.5, 1.5, 2.5, 3.5]);
  });

  test("the schedule counts from the start: claims answered in 0.3 s still go at 0, 1, 3 and 6 s", async () => {
    const answering = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return notFound();
    };
    const { controller, seconds } = claiming(answering, { for: 7 });
    const started = controller.start();
    await wait(1);
    await expect(started).resolves.toBe(false);
    expect(seconds()).toEqual([0, 1, 3, 6]);
  });

  test("a claim answered after the next time is due is followed at once, never two at a time, and none after the deadline", async () => {
    let out = 0;
    const widest: number[] = [];
    const slow = async () => {
      out += 1;
      widest.push(out);
      await new Promise((resolve) => setTimeout(resolve, 4000));
      out -= 1;
      return new ApiError("network");
    };
    const { controller, seconds } = claiming(slow, { delays: [1], for: 9.5 });
    const started = controller.start();
    await wait(1);
    await expect(started).resolves.toBe(false);
    expect(seconds()).toEqual([0, 4, 8]);
    expect(Math.max(...widest)).toBe(1);
  });

  test("a retry for 0 s makes the one claim and no other", async () => {
    const { controller, seconds } = claiming(notFound, { for: 0 });
    const started = controller.start();
    await wait(5);
    await expect(started).resolves.toBe(false);
    expect(seconds()).toEqual([0]);
  });

  test.each<[string, () => ApiError]>([
    ["404 not_found (the webhook is late)", notFound],
    ["429 rate_limited", () => refusal(429, "rate_limited")],
    ["503 unavailable", () => refusal(503, "unavailable")],
    ["a 503 from a proxy without the envelope", () => new ApiError("invalid", null, 503)],
    ["no answer (network or the widget's timeout)", () => new ApiError("network")],
  ])("after %s it claims again on the schedule, and paints the offer that comes", async (_name, failure) => {
    const { controller, seconds } = claiming((n) => (n < 2 ? failure() : OFFER));
    const started = controller.start();
    await wait(1);
    await expect(started).resolves.toBe(true);
    expect(seconds()).toEqual([0, 1, 3]);
    expect(controller.state.offer).toEqual(OFFER);
  });
});

describe("the claim stops at once", () => {
  test("when an offer arrives: it is in the state, and no claim follows", async () => {
    const { controller, seconds } = claiming((n) => (n < 1 ? notFound() : OFFER));
    const started = controller.start();
    await wait(10);
    await expect(started).resolves.toBe(true);
    expect(seconds()).toEqual([0, 1]);
    expect(controller.state).toMatchObject({ phase: "offer", offer: OFFER, quantity: 1, ready: false });
  });

  test("when the answer is final (a session without an offer): nothing to show, no claim follows", async () => {
    const { controller, seconds } = claiming((n) => (n < 3 ? notFound() : null));
    const started = controller.start();
    await wait(10);
    await expect(started).resolves.toBe(false);
    expect(seconds()).toEqual([0, 1, 3, 6]);
    expect(controller.state.offer).toBeNull();
  });

  test.each<[string, () => ApiError]>([
    ["400 invalid_request", () => refusal(400, "invalid_request")],
    ["403 forbidden", () => refusal(403, "forbidden")],
    ["a 500", () => new ApiError("invalid", "Internal Server Error", 500)],
    ["a 2xx answer off the contract", () => new ApiError("invalid")],
  ])("on %s: the start fails with it (for one warning), and no claim follows", async (_name, failure) => {
    const error = failure();
    const { controller, seconds } = claiming((n) => (n < 1 ? notFound() : error));
    const started = controller.start();
    const settled = started.catch((reason: unknown) => reason);
    await wait(10);
    expect(await settled).toBe(error);
    expect(seconds()).toEqual([0, 1]);
  });

  test("when the page is hidden for good (pagehide): the wait ends, and no claim follows", async () => {
    const page = new EventTarget();
    const { controller, seconds } = claiming(notFound, { page });
    let answer: boolean | null = null;
    void controller.start().then((value) => {
      answer = value;
    });
    await vi.advanceTimersByTimeAsync(3500);
    expect(seconds()).toEqual([0, 1, 3]);
    page.dispatchEvent(new Event("pagehide"));
    await vi.advanceTimersByTimeAsync(0);
    expect(answer).toBe(false);
    await wait(10);
    expect(seconds()).toEqual([0, 1, 3]);
  });

  test("but not when the page only went into the back-forward cache (pagehide, persisted)", async () => {
    const page = new EventTarget();
    const { controller, seconds } = claiming((n) => (n < 3 ? notFound() : OFFER), { page });
    const started = controller.start();
    await vi.advanceTimersByTimeAsync(3500);
    page.dispatchEvent(Object.assign(new Event("pagehide"), { persisted: true }));
    await wait(1);
    await expect(started).resolves.toBe(true);
    expect(seconds()).toEqual([0, 1, 3, 6]);
  });
});

describe("the browser's own claim secret", () => {
  test("is in the host origin's storage before the first claim leaves, and every claim carries it", async () => {
    const shared = memoryStorage();
    let storedAtFirstClaim: string | null = null;
    const { controller, calls, storage } = claiming(
      (n) => {
        if (n === 0) storedAtFirstClaim = storage.load(SITE, ORDER);
        return n < 2 ? notFound() : OFFER;
      },
      { storage: shared },
    );
    const started = controller.start();
    await wait(1);
    await expect(started).resolves.toBe(true);
    const secrets = calls.claims.map((claim) => claim.secret);
    expect(secrets).toHaveLength(3);
    expect(SessionSecret.safeParse(secrets[0]).success).toBe(true);
    expect(new Set(secrets).size).toBe(1);
    expect(storedAtFirstClaim).toBe(secrets[0]);
    expect(calls.claims[0]).toMatchObject({ site: SITE, order: ORDER });
  });

  test("a browser that stored one claims with it (a refresh resumes)", async () => {
    const shared = memoryStorage();
    const stored = "q3Jz0Yb9XcV8nM7lK6jH5gF4dS3aP2oI1uY0tR9eW8Q";
    createStorage(() => shared).save(SITE, ORDER, stored);
    const { controller, calls } = claiming(() => OFFER, { storage: shared });
    await controller.start();
    expect(calls.claims.map((claim) => claim.secret)).toEqual([stored]);
  });

  test("two browsers make two different secrets", async () => {
    const first = claiming(() => OFFER);
    const second = claiming(() => OFFER);
    await first.controller.start();
    await second.controller.start();
    expect(first.calls.claims[0]?.secret).not.toBe(second.calls.claims[0]?.secret);
  });

  test.each<[string, Storage | null]>([
    [
      "throws (private mode, full)",
      {
        getItem() {
          throw new DOMException("denied", "SecurityError");
        },
        setItem() {
          throw new DOMException("full", "QuotaExceededError");
        },
      } as unknown as Storage,
    ],
    ["is missing", null],
  ])("where storage %s, every claim of the page carries the same fresh secret", async (_name, broken) => {
    const { controller, calls } = claiming((n) => (n < 3 ? notFound() : OFFER), { storage: broken });
    const started = controller.start();
    await wait(1);
    await expect(started).resolves.toBe(true);
    const secrets = calls.claims.map((claim) => claim.secret);
    expect(secrets).toHaveLength(4);
    expect(SessionSecret.safeParse(secrets[0]).success).toBe(true);
    expect(new Set(secrets).size).toBe(1);
  });
});
