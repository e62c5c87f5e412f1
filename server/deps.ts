import type { Config } from "./config.ts";
import type { Logger } from "./log.ts";
import type { Store } from "./store/store.ts";

/** What the routes are given: the edges (store, clock, log) are passed in, so tests can hold them. */
export interface Deps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Epoch milliseconds; a test moves it to cross an offer window or a signature tolerance. */
  clock: () => number;
}
