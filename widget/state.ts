import type { OrderReference } from "../server/contract/session.ts";
import type { Decision, WidgetOffer } from "../server/contract/widget.ts";
import { type Api, ApiError } from "./api.ts";
import { RETRY_DELAYS, RETRY_FOR, retrying } from "./retry.ts";
import { randomText } from "./secret.ts";
import type { WidgetStorage } from "./storage.ts";

/**
 * offer: an offer is open; sending: a decision is on its way; error: it failed and may be retried;
 * accepted / declined: the funnel is over; expired / decided / withdrawn: the offer can no longer be answered.
 */
export type Phase =
  | "offer"
  | "sending"
  | "error"
  | "accepted"
  | "declined"
  | "expired"
  | "decided"
  | "withdrawn";

export interface WidgetState {
  phase: Phase;
  offer: WidgetOffer | null;
  quantity: number;
  /** The last decision, to say what happened above the next offer. */
  last: Decision | null;
  /** The open offer has been on screen long enough to have been seen: only then may it be decided. */
  ready: boolean;
}

/**
 * How long an offer must have been shown before a click decides it: the next step appearing under a
 * double click's second half, or under a pointer on its way elsewhere, is not a choice the buyer made.
 */
export const SEEN_MS = 500;

/** The server's refusals that close the offer, and what the panel then says. */
const CLOSED: Record<string, Phase> = {
  already_decided: "decided",
  offer_expired: "expired",
  order_not_paid: "expired",
  offer_withdrawn: "withdrawn",
};

/** A claim's failure that only means "not yet": the order unknown so far, the server busy, or no answer. */
function notYet(error: unknown): undefined {
  if (error instanceof ApiError) {
    const { code, status } = error;
    // Kept as comparisons: a page may have replaced Array.prototype.includes.
    if (code === "network" || status === 404 || status === 429 || status === 503) return undefined;
  }
  throw error;
}

/**
 * The panel's state and the two things a buyer can do; the components only read and call this.
 * A plain subscribable value rather than signals: a few fields, one writer, and 3.4 KB less in the widget.
 */
export function createController(options: {
  api: Api;
  storage: WidgetStorage;
  site: string;
  order: OrderReference;
  retry?: { delays?: readonly number[] | undefined; for?: number | undefined };
  now?: () => number;
  /** Where `pagehide` is heard: the window. */
  page?: EventTarget;
}) {
  const { api, storage, site, order } = options;
  let state: WidgetState = { phase: "offer", offer: null, quantity: 1, last: null, ready: false };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<WidgetState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  const schedule = retrying(
    options.retry?.delays ?? RETRY_DELAYS,
    options.retry?.for ?? RETRY_FOR,
    options.now ?? Date.now,
  );
  let session: { id: string; secret: string } | null = null;
  let shown: string | null = null;
  // A retry of the same decision reuses its key, so a lost answer can never make a second charge.
  let pending: { fingerprint: string; key: string } | null = null;

  return {
    get state(): WidgetState {
      return state;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setQuantity(quantity: number): void {
      set({ quantity });
    },

    /**
     * Claims (or resumes) this order's session, again and again while the order is not there yet.
     * The secret is stored before the first claim leaves, so a claim whose answer is lost is resumed by the next.
     */
    async start(): Promise<boolean> {
      const secret = storage.load(site, order) ?? randomText(32);
      storage.save(site, order, secret);
      // Hidden for good (not merely kept in the back-forward cache): nobody is left to show an offer to.
      options.page?.addEventListener("pagehide", (event) => {
        if (!(event as PageTransitionEvent).persisted) schedule.stop();
      });
      const answer = await schedule.run(() => api.claim(site, order, secret).catch(notYet));
      if (!answer) return false;
      session = { id: answer.session.id, secret };
      set({ offer: answer.offer, quantity: 1, ready: false });
      return answer.offer !== null;
    },

    /** The panel painted this offer: it may be decided once it has been on screen for SEEN_MS. */
    shown(id: string): void {
      if (shown === id) return;
      shown = id;
      setTimeout(() => {
        if (state.offer?.id === id) set({ ready: true });
      }, SEEN_MS);
    },

    async decide(action: "accept" | "decline"): Promise<void> {
      const { offer, phase, quantity, ready } = state;
      if (!session || !offer || !ready || phase === "sending") return;
      const request = { offer: offer.id, action, quantity };
      const fingerprint = JSON.stringify(request);
      if (pending?.fingerprint !== fingerprint) pending = { fingerprint, key: randomText(16) };
      set({ phase: "sending" });
      try {
        const answer = await api.decide(session.id, session.secret, request, pending.key);
        pending = null;
        set({
          last: answer.decision,
          offer: answer.next,
          quantity: 1,
          ready: false,
          phase: answer.next ? "offer" : action === "accept" ? "accepted" : "declined",
        });
      } catch (error) {
        const code = error instanceof ApiError ? error.code : "";
        set({ phase: (Object.hasOwn(CLOSED, code) && CLOSED[code]) || "error" });
      }
    },

    expire(): void {
      if (state.phase === "offer" || state.phase === "error") set({ phase: "expired" });
    },
  };
}
export type Controller = ReturnType<typeof createController>;
