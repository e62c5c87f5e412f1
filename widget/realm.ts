/**
 * A fresh realm for the widget: its own built-ins, whatever the page did to its own.
 *
 * Old libraries replace built-ins with incompatible versions (Prototype's `Array.from` ignores a mapping
 * function and its `Array#toJSON` makes JSON.stringify write arrays as strings, MooTools' `Function#bind`
 * drops arguments, shims' `Object.keys` lists inherited keys…). Capturing pristine copies of a few would not
 * be enough: every array and function literal of the bundle, preact's and zod's included, takes its methods
 * from the realm the code was evaluated in, and so do `for…of`, spreads and async functions. So the page's
 * copy of the bundle evaluates nothing of the libraries: it makes a hidden same-origin frame (about:blank,
 * which inherits the page's origin and CSP) and loads the same script into it, its nonce, integrity and
 * crossorigin copied so that any policy that let the snippet in lets it in (from the cache: no second
 * download). That copy runs everything in the frame's realm, with the frame's fetch, timers, storage (the
 * page's origin's) and console, and draws into the page's document.
 *
 * What stays the page's: the DOM the panel lives in (its nodes' methods, `Element.prototype` and its kin) and
 * `location`. A page that takes the frame away (a script rebuilding its head) stops the widget with it: the
 * timers and requests are the frame's. Without a frame (Trusted Types refuse a script URL given as text, a
 * script without a `src`) the widget runs in the page's realm as before.
 */

/** `window.aquarium`: the seller's command queue until a copy of the widget serves it. */
export type Queue = ((...args: unknown[]) => void) & {
  q?: ArrayLike<ArrayLike<unknown>>;
  /** A copy of the widget serves the queue. */
  loaded?: boolean;
  /** A copy is on its way to the fresh realm; until it comes, commands wait in `q`. */
  moving?: boolean;
};

/** What the copy that does the work needs of the page. */
export interface Host {
  window: Window & { aquarium?: Queue };
  /** The snippet's tag: its `data-*` attributes, its origin, where the panel goes. */
  script: HTMLScriptElement | null;
}

/** Thrown to end a copy of the bundle early and silently (the outro in vite.config.ts stays quiet for it). */
export const STOP = "aquarium:stop";

/** The page's copy hands the page over on the script element that loads the frame's copy. */
type Carrier = HTMLScriptElement & { aquariumHost?: Host };

/**
 * The page this copy serves: the one handed over when this copy runs in the fresh realm; else, having
 * started the fresh realm's copy, throws STOP; else (no frame to be had) this page, in this realm.
 * Throws STOP too when another copy of the widget already serves the page.
 */
export function enterRealm(page: Host["window"], script: HTMLScriptElement | null): Host {
  const handed = (script as Carrier | null)?.aquariumHost;
  if (handed) return handed;
  const existing = page.aquarium;
  if (existing?.loaded || existing?.moving) throw STOP;
  const here = { window: page, script };
  if (!script?.src) return here;
  const document = page.document;
  let box: HTMLElement | undefined;
  try {
    box = document.createElement("aquarium-realm");
    // Out of the page's sight: a closed shadow root (no selector, no `window.frames` finds the frame), and
    // an inline !important that no stylesheet of the page overrides.
    box.style.setProperty("display", "none", "important");
    const frame = document.createElement("iframe");
    box.attachShadow({ mode: "closed" }).appendChild(frame);
    (document.head ?? document.documentElement).appendChild(box);
    const realm = frame.contentDocument as Document;
    const copy: Carrier = realm.createElement("script");
    copy.aquariumHost = here;
    copy.nonce = script.nonce ?? "";
    copy.integrity = script.integrity;
    copy.crossOrigin = script.crossOrigin;
    copy.onerror = () => {
      try {
        console.warn("[aquarium] could not start on this page");
      } catch {
        // A page without a console still must not see us fail.
      }
    };
    // Refused as text where Trusted Types are enforced: then this realm it is.
    copy.src = script.src;
    realm.head.appendChild(copy);
  } catch {
    box?.remove();
    return here;
  }
  // Commands given before the frame's copy runs wait in the queue, as before the snippet loaded; a second
  // snippet meets `moving` and stays silent. No array method here: this is still the page's realm.
  const q = existing?.q ?? [];
  const queue: Queue = (...args) => {
    (q as unknown[])[q.length] = args;
  };
  queue.q = q;
  queue.moving = true;
  page.aquarium = queue;
  throw STOP;
}
