import wire from "virtual:aquarium-wire";
import type { OrderReference } from "../server/contract/session.ts";
import type { Appearance, Decision, ReceiptLine, WidgetOffer } from "../server/contract/widget.ts";
import { type Api, ApiError } from "./api.ts";
import { reader } from "./check.ts";
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
  /** What the buyer added in this session, each with its payment as it stands: there again after a reload. */
  receipt: ReceiptLine[];
  /** How the seller dressed the panel in the admin, as the server sent it with the offer. */
  appearance?: Appearance | undefined;
}

/** While a payment waits for the buyer (their bank, a pay link paid on a phone), its outcome is asked for this often. */
export const PAYMENT_POLL_MS = 5000;
/** …for at most this long after the page loaded. */
const PAYMENT_POLL_FOR_MS = 30 * 60_000;

/**
 * A payment whose outcome is still to come from its provider: the buyer's part to do (their bank, a pay link),
 * or a charge in flight (seen from a tab that did not make it). A seller's bill ("pending" elsewhere) is not.
 */
export const unsettled = (payment: Decision["payment"]): boolean =>
  payment?.status === "requires_action" || (payment?.status === "pending" && payment.provider === "stripe");

const waiting = (receipt: ReceiptLine[]) => receipt.some((line) => unsettled(line.payment));

const readLine = reader<ReceiptLine>(wire.receiptLine);

/** The receipt of a claim's answer, each line checked against the contract: one it cannot read is left out. */
function receiptOf(lines: unknown): ReceiptLine[] {
  return Array.isArray(lines) ? lines.map(readLine).filter((line) => line !== null) : [];
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
  /** The thank-you page's address, to come back to from a bank's page or a pay link. */
  pageUrl?: () => string;
}) {
  const { api, storage, site, order } = options;
  let state: WidgetState = {
    phase: "offer",
    offer: null,
    quantity: 1,
    last: null,
    ready: false,
    receipt: [],
  };
  const now = options.now ?? Date.now;
  const started = now();
  let hidden = false;
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

  /**
   * While a payment waits for the buyer, its outcome is asked for again now and then (the same claim, resumed):
   * the provider tells the server, never this page, and the receipt follows.
   */
  /** The receipt as the server now tells it, and what the status line says of the last decision with it. */
  function told(receipt: ReceiptLine[]): void {
    set({ receipt, last: receipt.find((line) => line.id === state.last?.id) ?? state.last });
  }

  /**
   * Another tab of this browser answered the offer first (the same session): the claim, resumed, says how
   * that answer stands and what comes next, as a reload would.
   */
  async function rejoin(current: { secret: string }, decision: unknown): Promise<void> {
    const last = readLine(decision) ?? state.last;
    const answer = await api.claim(site, order, current.secret);
    const phase = answer.offer
      ? "offer"
      : last?.action === "decline"
        ? "declined"
        : last
          ? "accepted"
          : "decided";
    set({ offer: answer.offer, quantity: 1, ready: false, phase, last });
    told(receiptOf(answer.receipt));
    follow();
  }

  let following = false;
  function follow(): void {
    if (following || !session || !waiting(state.receipt)) return;
    following = true;
    const current = session;
    const ask = () => {
      if (hidden || now() - started > PAYMENT_POLL_FOR_MS || !waiting(state.receipt)) {
        following = false;
        return;
      }
      api
        .claim(site, order, current.secret)
        .then((answer) => {
          // Paid at last, the funnel moves on: its next step appears where nothing was open.
          if (answer.offer && !state.offer)
            set({ offer: answer.offer, phase: "offer", quantity: 1, ready: false });
          if (answer.receipt) told(receiptOf(answer.receipt));
        })
        .catch(() => {})
        .then(() => setTimeout(ask, PAYMENT_POLL_MS));
    };
    setTimeout(ask, PAYMENT_POLL_MS);
  }

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
        if (!(event as PageTransitionEvent).persisted) {
          hidden = true;
          schedule.stop();
        }
      });
      const answer = await schedule.run(() => api.claim(site, order, secret).catch(notYet));
      if (!answer) return false;
      session = { id: answer.session.id, secret };
      set({
        offer: answer.offer,
        quantity: 1,
        ready: false,
        receipt: receiptOf(answer.receipt),
        appearance: answer.appearance,
      });
      follow();
      return answer.offer !== null || state.receipt.length > 0;
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
      const returnTo = options.pageUrl?.();
      const request = { offer: offer.id, action, quantity, ...(returnTo && { returnTo }) };
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
          receipt:
            action === "accept"
              ? [...state.receipt, { title: offer.title, productName: offer.productName, ...answer.decision }]
              : state.receipt,
        });
        follow();
      } catch (error) {
        const code = error instanceof ApiError ? error.code : "";
        set({ phase: (Object.hasOwn(CLOSED, code) && CLOSED[code]) || "error" });
        if (error instanceof ApiError && code === "already_decided") {
          const body = error.details as { decision?: unknown } | null;
          await rejoin(session, body?.decision).catch(() => {});
        }
      }
    },

    expire(): void {
      if (state.phase === "offer" || state.phase === "error") set({ phase: "expired" });
    },
  };
}
export type Controller = ReturnType<typeof createController>;
