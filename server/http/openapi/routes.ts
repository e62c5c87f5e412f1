import { ADMIN_ROUTES } from "./admin-routes.ts";
import { COCKPIT_ROUTES } from "./cockpit-routes.ts";
import { PUBLIC_ROUTES } from "./public-routes.ts";
import type { RouteDoc } from "./route-doc.ts";

/** Every route the app serves, as the document tells it; a test holds the app to it. */
export const ROUTES: RouteDoc[] = [...PUBLIC_ROUTES, ...ADMIN_ROUTES, ...COCKPIT_ROUTES];
