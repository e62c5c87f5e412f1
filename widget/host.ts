import { enterRealm } from "./realm.ts";

/**
 * The page this copy of the widget serves (widget/realm.ts). The first module of the bundle (main.ts imports
 * it first): in the page's copy it has to throw STOP before any library's start-up code runs against the
 * page's built-ins.
 */
export const host = enterRealm(window, document.currentScript as HTMLScriptElement | null);
