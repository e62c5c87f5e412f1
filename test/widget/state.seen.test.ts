import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createController, SEEN_MS } from "../../widget/state.ts";
import { createStorage } from "../../widget/storage.ts";
import { fakeApi, ORDER, offer, SITE } from "../support/widget-api.ts";

const TANK = offer("offer_tank0001");
const FOOD = offer("offer_food0002", 2);

/** A controller whose claim answers the tank, and whose accept of the tank answers the food. */
async function opened() {
  const { api, calls } = fakeApi(
    () => TANK,
    (request) => (request.offer === TANK.id ? FOOD : null),
  );
  const controller = createController({
    api,
    storage: createStorage(() => undefined),
    site: SITE,
    order: ORDER,
  });
  expect(await controller.start()).toBe(true);
  return { controller, decided: () => calls.decisions.map((call) => call.request.offer) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("an offer is decided only once it has been on screen for half a second", () => {
  test("before the panel showed it, a decision sends nothing", async () => {
    const { controller, decided } = await opened();
    await vi.advanceTimersByTimeAsync(5000);
    await controller.decide("accept");
    expect(decided()).toEqual([]);
    expect(controller.state).toMatchObject({ phase: "offer", ready: false });
  });

  test("499 ms after it was shown a decision sends nothing; at 500 ms it goes, naming that offer", async () => {
    const { controller, decided } = await opened();
    controller.shown(TANK.id);
    await vi.advanceTimersByTimeAsync(499);
    await controller.decide("accept");
    expect(decided()).toEqual([]);
    expect(controller.state.ready).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    expect(controller.state.ready).toBe(true);
    await controller.decide("accept");
    expect(decided()).toEqual([TANK.id]);
  });

  test("the next step that an accept brings is not decidable until it, too, was shown for 500 ms", async () => {
    const { controller, decided } = await opened();
    controller.shown(TANK.id);
    await vi.advanceTimersByTimeAsync(SEEN_MS);
    await controller.decide("accept");
    expect(controller.state).toMatchObject({ phase: "offer", offer: FOOD, ready: false });

    // The second half of a double click, on the food now under the pointer.
    await controller.decide("accept");
    controller.shown(FOOD.id);
    await vi.advanceTimersByTimeAsync(SEEN_MS - 1);
    await controller.decide("decline");
    expect(decided()).toEqual([TANK.id]);

    await vi.advanceTimersByTimeAsync(1);
    await controller.decide("decline");
    expect(decided()).toEqual([TANK.id, FOOD.id]);
  });

  test("the panel painting the same offer again does not restart its half second", async () => {
    const { controller, decided } = await opened();
    controller.shown(TANK.id);
    await vi.advanceTimersByTimeAsync(400);
    controller.shown(TANK.id);
    await vi.advanceTimersByTimeAsync(100);
    await controller.decide("accept");
    expect(decided()).toEqual([TANK.id]);
  });

  test("listeners hear when the offer becomes decidable, so the buttons can wake up", async () => {
    const { controller } = await opened();
    const heard: boolean[] = [];
    controller.subscribe(() => heard.push(controller.state.ready));
    controller.shown(TANK.id);
    expect(heard).toEqual([]);
    await vi.advanceTimersByTimeAsync(SEEN_MS);
    expect(heard).toEqual([true]);
  });
});
