import { Component, createRef, type RefObject } from "preact";
import type { Appearance, Decision, ReceiptLine, WidgetOffer } from "../../server/contract/widget.ts";
import { fill, formatMoney, type Strings } from "../i18n/index.ts";
import { type Controller, unsettled, type WidgetState } from "../state.ts";
import { Countdown } from "./Countdown.tsx";

export interface PanelProps {
  controller: Controller;
  strings: Strings;
  locale: string;
  /** The snippet's `data-theme`, which wins over the site's appearance. */
  theme?: "light" | "dark" | "auto" | undefined;
  now?: () => number;
}

/** The font stacks a seller picks from: the buyer's own fonts, nothing downloaded. */
const FONTS: Record<Appearance["font"], string> = {
  system: "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif",
  serif: "Georgia,'Times New Roman',serif",
  rounded: "ui-rounded,'SF Pro Rounded','Nunito','Varela Round',system-ui,sans-serif",
  mono: "ui-monospace,SFMono-Regular,Menlo,Consolas,monospace",
};

/**
 * The site's appearance as the custom properties the styles read second (widget/ui/styles.ts): a page's own
 * --aquarium-* properties, the older way to restyle the panel, still win.
 */
function dressed(appearance: Appearance | undefined): Record<string, string> | undefined {
  return (
    appearance && {
      "--aq-accent": appearance.accent,
      "--aq-radius": `${appearance.radius}px`,
      "--aq-font": FONTS[appearance.font],
    }
  );
}

/*
 * Class components rather than hooks: the widget needs a mount, an update and an unmount, which preact's
 * Component has already, and preact/hooks would cost it 1 KB of its 20 KB.
 */

type OfferProps = { offer: WidgetOffer; state: WidgetState } & PanelProps;

class OfferView extends Component<OfferProps> {
  // On the page now: the controller lets it be decided once it has been there long enough to be seen (the
  // controller counts each offer once, so every update may say so).
  override componentDidMount() {
    this.props.controller.shown(this.props.offer.id);
  }

  override componentDidUpdate() {
    this.componentDidMount();
  }

  override render(props: OfferProps) {
    return offerView(props);
  }
}

function offerView(props: OfferProps) {
  const { offer, state, controller, strings, locale } = props;
  const { phase, quantity } = state;
  const money = (minor: number) => formatMoney(minor, offer.currency, locale);
  const sending = phase === "sending";
  // Until it was seen the buttons look and say disabled, but stay in place and in the Tab order.
  const waiting = state.ready ? undefined : "true";
  return (
    <div class="offer">
      {offer.image && <img src={offer.image} alt="" width={96} height={96} />}
      <div>
        <h2 tabIndex={-1}>{offer.title}</h2>
        {offer.productName && offer.productName !== offer.title && <p class="muted">{offer.productName}</p>}
        {offer.description && <p>{offer.description}</p>}
        <p class="price">
          {offer.price < offer.regularPrice && (
            <s>
              <span class="sr">{strings.regularPrice}: </span>
              {money(offer.regularPrice)}
            </s>
          )}
          <strong>
            <span class="sr">{strings.offerPrice}: </span>
            {money(offer.price * quantity)}
          </strong>
          {offer.price < offer.regularPrice && (
            <span class="save">
              {fill(strings.save, { amount: money((offer.regularPrice - offer.price) * quantity) })}
            </span>
          )}
        </p>
        {offer.quantityMax > 1 && (
          <label>
            {strings.quantity}
            <select
              value={String(quantity)}
              // After a failed attempt the retry must be the same request (same key, never a second charge).
              disabled={sending || phase === "error"}
              onChange={(event) => {
                controller.setQuantity(Number((event.currentTarget as HTMLSelectElement).value));
              }}
            >
              {Array.from({ length: offer.quantityMax }, (_, i) => (
                <option value={i + 1}>{i + 1}</option>
              ))}
            </select>
          </label>
        )}
        <Countdown
          expiresAt={offer.expiresAt}
          strings={strings}
          now={props.now ?? Date.now}
          onExpire={() => controller.expire()}
        />
        <div class="actions">
          <button
            type="button"
            class="accept"
            disabled={sending}
            aria-disabled={waiting}
            aria-busy={sending}
            onClick={() => controller.decide("accept")}
          >
            {sending ? strings.sending : strings.accept}
          </button>
          <button
            type="button"
            class="decline"
            disabled={sending}
            aria-disabled={waiting}
            onClick={() => controller.decide("decline")}
          >
            {strings.decline}
          </button>
        </div>
        {phase === "error" && <p role="alert">{strings.error}</p>}
      </div>
    </div>
  );
}

/** What to say about the last step: above the next offer, or as the panel's last word. */
function message({ phase, last, offer }: WidgetState, strings: Strings): string {
  const open = offer !== null;
  if (phase === "expired") return strings.expired;
  if (phase === "decided") return strings.decided;
  if (phase === "withdrawn") return strings.withdrawn;
  if (!last) return "";
  if (last.action === "decline") return open ? strings.declinedNext : strings.declined;
  const payment = last.payment;
  if (payment?.status === "failed")
    return open ? `${strings.failed}. ${strings.declinedNext}` : strings.failed;
  if (unsettled(payment)) return strings.waiting;
  if (open) return strings.acceptedNext;
  return payment?.status === "pending" ? `${strings.accepted} ${strings.pending}` : strings.accepted;
}

/** A line of the receipt: what was added, its amount, and its payment as it stands, with what is left to do. */
function receiptLine(line: ReceiptLine, strings: Strings, locale: string) {
  const money = (minor: number) => formatMoney(minor, line.currency, locale);
  const payment = line.payment;
  const status = payment?.status;
  const said = unsettled(payment)
    ? strings.waiting
    : status === "paid"
      ? strings.paid
      : status === "pending"
        ? strings.pending
        : status === "failed"
          ? strings.failed
          : status === "refunded"
            ? fill(strings.refunded, { amount: money(payment?.refunded ?? line.amount) })
            : "";
  const action = status === "requires_action" ? payment?.actionUrl : undefined;
  return (
    <li>
      {line.title}
      {line.productName && line.productName !== line.title && ` (${line.productName})`} × {line.quantity}:{" "}
      <strong>{money(line.amount)}</strong>
      {said && <span class="muted"> · {said}</span>}
      {action &&
        (payment?.qrSvg ? (
          // A pay link, in a tab of its own: this page stays, and learns when it is paid.
          <span class="pay">
            <a class="button accept" href={action} rel="noopener noreferrer" target="_blank">
              {payment.provider === "stripe"
                ? fill(strings.payAmount, { amount: money(line.amount) })
                : strings.completePayment}
            </a>
            <img
              src={`data:image/svg+xml,${encodeURIComponent(payment.qrSvg)}`}
              alt={strings.scanToPay}
              title={strings.scanToPay}
              width={144}
              height={144}
            />
          </span>
        ) : (
          // The bank's page, in this tab: it comes back here.
          <span class="pay">
            <a class="button accept" href={action} rel="noreferrer">
              {strings.confirmBank}
            </a>
          </span>
        ))}
    </li>
  );
}

/**
 * The offer panel: a labelled region, the offer and its two buttons, then what happened. Redrawn whenever
 * the controller's state changes.
 */
export class Panel extends Component<PanelProps> {
  private section = createRef<HTMLElement>();
  private unsubscribe = () => {};
  private last: Decision | null = null;

  override componentDidMount() {
    this.unsubscribe = this.props.controller.subscribe(() => this.forceUpdate());
  }

  override componentDidUpdate(previous: PanelProps) {
    // A new controller (the admin's preview makes one per offer): listen to it instead.
    if (previous.controller !== this.props.controller) {
      this.unsubscribe();
      this.componentDidMount();
    }
    // After a decision the clicked button is gone: focus follows to the next offer's title, or to what was
    // said. Never on load: a buyer reading the page is not pulled into the panel.
    const { last } = this.props.controller.state;
    if (last === this.last) return;
    this.last = last;
    const root = this.section.current;
    if (last)
      (root?.querySelector<HTMLElement>("h2") ?? root?.querySelector<HTMLElement>("[role=status]"))?.focus();
  }

  override componentWillUnmount() {
    this.unsubscribe();
  }

  override render(props: PanelProps) {
    return panel(props, this.section);
  }
}

function panel(props: PanelProps, section: RefObject<HTMLElement | null>) {
  const { controller, strings, locale } = props;
  const state = controller.state;
  const { phase, offer, appearance } = state;
  const said = message(state, strings);
  const open = offer && (phase === "offer" || phase === "sending" || phase === "error");
  const theme = props.theme ?? appearance?.theme ?? "light";
  return (
    <section
      ref={section}
      class={`panel ${theme}`}
      style={dressed(appearance)}
      aria-label={strings.region}
      lang={locale}
      dir="ltr"
    >
      {/* Always present, so that what it comes to say is announced (a live region added with its text is not). */}
      <p role="status" tabIndex={-1} class={said ? "status" : "sr"}>
        {said}
      </p>
      {state.receipt.length > 0 && (
        <div class="receipt">
          <h3>{strings.receipt}</h3>
          <ul>{state.receipt.map((line) => receiptLine(line, strings, locale))}</ul>
        </div>
      )}
      {open && <OfferView {...props} offer={offer} state={state} />}
    </section>
  );
}
