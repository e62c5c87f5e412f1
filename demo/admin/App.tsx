import { useEffect, useRef } from "preact/hooks";
import { type Api, ApiContext, useApi } from "./api.ts";
import { Cockpit } from "./pages/Cockpit.tsx";
import { Login } from "./pages/Login.tsx";
import { Offers } from "./pages/Offers.tsx";
import { Products } from "./pages/Products.tsx";
import { SiteDetail } from "./pages/SiteDetail.tsx";
import { Sites } from "./pages/Sites.tsx";
import { Stats } from "./pages/Stats.tsx";
import { currentSite, followHash, type Route, route, type Section, scope, siteHref } from "./state.ts";
import { useLoad } from "./useLoad.ts";

const SECTIONS: { section: Section; label: string }[] = [
  { section: "settings", label: "Settings and set-up" },
  { section: "cockpit", label: "Is it working?" },
  { section: "products", label: "Products" },
  { section: "offers", label: "Offers" },
  { section: "stats", label: "Stats" },
];

/** One site's pages under its name and tabs; the site is loaded once for all of them. */
function SitePages({ siteId, section, itemId }: Extract<Route, { page: "site" }>) {
  const api = useApi();
  const site = useLoad(() => api.site(siteId), [siteId]);
  useEffect(() => {
    currentSite.value = site.data?.site ?? null;
  }, [site.data]);
  if (site.problem) return <Missing message={site.problem.message} />;
  const loaded = currentSite.value?.id === siteId ? currentSite.value : null;
  if (!loaded) return <p aria-busy="true">Loading…</p>;
  return (
    <>
      <h1>{loaded.name}</h1>
      <nav class="tabs" aria-label="This site">
        {SECTIONS.map((tab) => (
          <a
            key={tab.section}
            href={siteHref(siteId, tab.section)}
            {...(tab.section === section && { "aria-current": "page" })}
          >
            {tab.label}
          </a>
        ))}
      </nav>
      {section === "settings" && <SiteDetail site={loaded} />}
      {section === "cockpit" && <Cockpit site={loaded} />}
      {section === "products" && <Products siteId={siteId} itemId={itemId} />}
      {section === "offers" && <Offers siteId={siteId} itemId={itemId} />}
      {section === "stats" && <Stats siteId={siteId} />}
    </>
  );
}

function Missing({ message }: { message: string }) {
  return (
    <>
      <h1>Not found</h1>
      <p>{message}</p>
      <p>
        <a href="#/sites">Back to the sites</a>
      </p>
    </>
  );
}

function Shell() {
  const api = useApi();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const current = route.value;
  // After a move to another page, focus goes to its heading, so a screen reader starts there.
  useEffect(() => {
    if (first.current) first.current = false;
    else {
      const heading = main.current?.querySelector<HTMLElement>("h1");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
    }
  }, [current]);
  const logout = async () => {
    await api.logout().catch(() => {});
    scope.value = null;
  };
  return (
    <>
      {/* A button, not a #main link: the hash is the router's. */}
      <button type="button" class="skip" onClick={() => main.current?.focus()}>
        Skip to the content
      </button>
      <header class="top">
        <a class="brand" href="#/sites">
          Aquarium admin
        </a>
        <span class="who">{scope.value === "*" ? "Operator" : "Site owner"}</span>
        <button type="button" class="secondary" onClick={logout}>
          Log out
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {current.page === "sites" && <Sites />}
        {current.page === "site" && <SitePages {...current} />}
        {current.page === "missing" && <Missing message="There is no such page in the admin." />}
      </main>
    </>
  );
}

/** The admin: asks who is logged in, then shows the login or the page the address names. */
export function App({ api }: { api: Api }) {
  useEffect(() => followHash(), []);
  useEffect(() => {
    api.me().then(
      (me) => {
        scope.value = me.scope;
      },
      () => {
        // Only if still unknown: by the time this refusal is read, the person may have logged in.
        if (scope.value === undefined) scope.value = null;
      },
    );
  }, [api]);
  return (
    <ApiContext.Provider value={api}>
      {scope.value === undefined ? (
        <p aria-busy="true">Loading…</p>
      ) : scope.value === null ? (
        <Login />
      ) : (
        <Shell />
      )}
    </ApiContext.Provider>
  );
}
