import type { Decision, Offer } from "../server/contract/answers.ts";
import type { OrderReference } from "../server/contract/session.ts";
import { type Api, ApiError } from "./api.ts";
import type { WidgetStorage } from "./storage.ts";

/**
 * offer: an offer is open; sending: a decision is on its way; error: it failed and may be retried;
 * accepted / declined: the funnel is over; expired / decided: the offer can no longer be answered.
 */
export type Phase = "offer" | "sending" | "error" | "accepted" | "declined" | "expired" | "decided";

export interface WidgetState {
  phase: Phase;
  offer: Offer | null;
  quantity: number;
  /** The last decision, to say what happened above the next offer. */
  last: Decision | null;
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The panel's state and the two things a buyer can do; the components only read and call this.
 * A plain subscribable value rather than signals: five fields, one writer, and 3.4 KB less in the widget.
 */
export function createController(options: {
  api: Api;
  storage: WidgetStorage;
  site: string;
  order: OrderReference;
}) {
  const { api, storage, site, order } = options;
  let state: WidgetState = { phase: "offer", offer: null, quantity: 1, last: null };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<WidgetState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  let session: { id: string; secret: string } | null = null;
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

    /** The one request before anything is shown: claims (or resumes) this order's session. */
    async start(): Promise<boolean> {
      const saved = storage.load(site, order);
      const answer = await api.claim(site, order, saved?.secret);
      const secret = answer.session.secret ?? saved?.secret;
      if (!secret) return false;
      session = { id: answer.session.id, secret };
      if (answer.session.secret) storage.save(site, order, session);
      set({ offer: answer.offer, quantity: 1 });
      return answer.offer !== null;
    },

    async decide(action: "accept" | "decline"): Promise<void> {
      const { offer, phase, quantity } = state;
      if (!session || !offer || phase === "sending") return;
      const request = { offer: offer.id, action, quantity };
      const fingerprint = JSON.stringify(request);
      if (pending?.fingerprint !== fingerprint) pending = { fingerprint, key: randomKey() };
      set({ phase: "sending" });
      try {
        const answer = await api.decide(session.id, session.secret, request, pending.key);
        pending = null;
        set({
          last: answer.decision,
          offer: answer.next,
          quantity: 1,
          phase: answer.next ? "offer" : action === "accept" ? "accepted" : "declined",
        });
      } catch (error) {
        const code = error instanceof ApiError ? error.code : "";
        set({
          phase: code === "already_decided" ? "decided" : code === "offer_expired" ? "expired" : "error",
        });
      }
    },

    expire(): void {
      if (state.phase === "offer" || state.phase === "error") set({ phase: "expired" });
    },
  };
}
export type Controller = ReturnType<typeof createController>;
