import type { Offer } from "../server/contract/answers.ts";
import type { Appearance } from "../server/contract/widget.ts";
import type { Controller, WidgetState } from "./state.ts";

/**
 * A controller that shows one offer and decides nothing: the admin's live preview renders the real
 * Panel with it, so sellers see exactly what buyers will.
 */
export function previewController(offer: Offer, appearance?: Appearance): Controller {
  let state: WidgetState = {
    phase: "offer",
    offer,
    quantity: 1,
    last: null,
    ready: true,
    receipt: [],
    appearance,
  };
  const listeners = new Set<() => void>();
  return {
    get state() {
      return state;
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setQuantity(quantity: number) {
      state = { ...state, quantity };
      for (const listener of listeners) listener();
    },
    start: async () => true,
    shown: () => {},
    decide: async () => {},
    expire: () => {},
  };
}
