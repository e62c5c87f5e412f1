// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from "vitest";
import { enterRealm, type Host, type Queue, STOP } from "../../widget/realm.ts";

/**
 * The page's copy of the bundle hands the page over to a copy in a fresh realm, or keeps it; the browser's
 * side (the frame, CSP, the cache) is proved in Chromium, in test/e2e/realm.test.ts.
 */
type Page = Host["window"];

/** The snippet's tag (not in the document: happy-dom would try to load it). */
function snippet(src = "https://offers.example/aquarium.js"): HTMLScriptElement {
  const script = document.createElement("script");
  if (src) script.setAttribute("src", src);
  return script;
}

/**
 * This window, but for the frame its document makes: one whose document is `realm` (happy-dom loads no
 * frame; a browser's about:blank frame has its document at once, null where it has none).
 */
function pageWhoseFrameHas(realm: Document | null): Page {
  const createElement = (name: string) => {
    const element = document.createElement(name);
    if (name === "iframe") Object.defineProperty(element, "contentDocument", { value: realm });
    return element;
  };
  return Object.create(window, {
    document: { value: Object.create(document, { createElement: { value: createElement } }) },
  }) as Page;
}

/** Runs enterRealm, answering what it threw (or the host it returned). */
function enter(page: Page, script: HTMLScriptElement | null): Host | { threw: unknown } {
  try {
    return enterRealm(page, script);
  } catch (error) {
    return { threw: error };
  }
}

afterEach(() => {
  vi.restoreAllMocks();
  document.head.innerHTML = "";
  document.body.innerHTML = "";
  delete (window as Page).aquarium;
});

describe("entering the widget's realm", () => {
  test("the copy loaded into the realm gets the page it was handed, and the page is left as it was", () => {
    const handed: Host = { window, script: snippet() };
    const copy = Object.assign(document.createElement("script"), { aquariumHost: handed });
    expect(enter(window, copy)).toBe(handed);
    expect(document.querySelector("aquarium-realm")).toBeNull();
    expect((window as Page).aquarium).toBeUndefined();
  });

  test.each<[string, Queue]>([
    ["a copy that serves it", Object.assign(() => {}, { loaded: true })],
    ["a copy on its way to its realm", Object.assign(() => {}, { moving: true })],
  ])("on a page with %s, a second copy stops, silently, and makes no frame", (_name, existing) => {
    (window as Page).aquarium = existing;
    expect(enter(window, snippet())).toEqual({ threw: STOP });
    expect(document.querySelector("aquarium-realm")).toBeNull();
    expect((window as Page).aquarium).toBe(existing);
  });

  test("a copy whose script has no src (inlined by a tag manager) serves the page from its own realm", () => {
    const page = pageWhoseFrameHas(document.implementation.createHTMLDocument(""));
    const script = snippet("");
    expect(enter(page, script)).toEqual({ window: page, script });
    expect(document.querySelector("aquarium-realm")).toBeNull();
  });

  test("a copy that starts the realm's copy stops, the frame hidden, and commands wait in the seller's queue", () => {
    const realm = document.implementation.createHTMLDocument("");
    const page = pageWhoseFrameHas(realm);
    const script = snippet();
    script.nonce = "n0nce";
    script.integrity = "sha384-abc";
    script.crossOrigin = "anonymous";
    const first = ["init", { site: "site_8fKq2LmZ" }];
    page.aquarium = Object.assign(() => {}, { q: [first] });

    expect(enter(page, script)).toEqual({ threw: STOP });

    const box = document.head.querySelector<HTMLElement>("aquarium-realm");
    expect(box?.style.getPropertyValue("display")).toBe("none");
    expect(box?.style.getPropertyPriority("display")).toBe("important");
    const copy = realm.head.querySelector("script") as HTMLScriptElement & { aquariumHost?: Host };
    expect(copy.aquariumHost).toEqual({ window: page, script });
    expect([copy.src, copy.nonce, copy.integrity, copy.crossOrigin]).toEqual([
      "https://offers.example/aquarium.js",
      "n0nce",
      "sha384-abc",
      "anonymous",
    ]);
    const queue = page.aquarium as Queue;
    expect(queue.moving).toBe(true);
    expect(queue.loaded).toBeUndefined();
    queue("init", { theme: "dark" });
    expect(Array.from(queue.q ?? [], (args) => Array.from(args))).toEqual([
      first,
      ["init", { theme: "dark" }],
    ]);
  });

  test("a realm's copy that cannot load says so, once, on the console", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // happy-dom loads no script, and fires the copy's error event as a browser would for a refused one.
    expect(enter(pageWhoseFrameHas(document.implementation.createHTMLDocument("")), snippet())).toEqual({
      threw: STOP,
    });
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(warn.mock.calls).toEqual([["[aquarium] could not start on this page"]]);
  });

  test("where no frame can be had, the copy takes nothing away from the page and serves it from its own realm", () => {
    const page = pageWhoseFrameHas(null);
    const script = snippet();
    expect(enter(page, script)).toEqual({ window: page, script });
    expect(document.querySelector("aquarium-realm")).toBeNull();
    expect(page.aquarium).toBeUndefined();
  });
});
