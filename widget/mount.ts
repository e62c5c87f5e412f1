import { STYLES } from "./ui/styles.ts";

/**
 * Where the panel lives in the page's `document`: the seller's `data-target`, else `[data-aquarium]`, else
 * right after the script tag (or at the end of the body when the tag sits in the head), inside a sealed
 * shadow root.
 */
export function mountPoint(
  document: Document,
  script: Element | null,
  target: string | undefined,
): ShadowRoot {
  const host = document.createElement("aquarium-offer");
  let anchor: Element | null = null;
  try {
    anchor = target ? document.querySelector(target) : document.querySelector("[data-aquarium]");
  } catch {
    anchor = null;
  }
  if (anchor) anchor.appendChild(host);
  else if (script?.parentElement && script.closest("body")) script.after(host);
  else document.body.appendChild(host);
  return sealedRoot(host);
}

/**
 * Seals `host` with inline `!important` styles, which no page stylesheet can override, and gives it a
 * shadow root holding the panel's styles (the admin's preview uses the same, to look exactly alike).
 */
export function sealedRoot(host: HTMLElement): ShadowRoot {
  host.style.setProperty("all", "initial", "important");
  host.style.setProperty("display", "block", "important");
  host.style.setProperty("contain", "content", "important");
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  // The host's document's own constructor: a sheet made in the widget's realm (widget/realm.ts) belongs to
  // the frame's document, and no other document may adopt it.
  const Sheet = host.ownerDocument.defaultView?.CSSStyleSheet;
  // A constructed stylesheet is not inline style, so a strict CSP (no 'unsafe-inline') still lets it apply.
  if ("adoptedStyleSheets" in root && typeof Sheet === "function" && "replaceSync" in Sheet.prototype) {
    const sheet = new Sheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = host.ownerDocument.createElement("style");
    style.textContent = STYLES;
    root.appendChild(style);
  }
  return root;
}
