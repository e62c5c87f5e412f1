import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A STAND-IN for a WooCommerce shop: the demo's WooCommerce (no shop, no internet, no real money) and the tests'
 * fake one (WooCommerce, a WordPress plugin, cannot run there): the few REST API v3 endpoints Aquarium calls, as
 * a fetch handler (`api`), and what the shop's order-pay page does (`pay`; the page itself is in
 * woocommerce-pages.ts). Its objects are copies of the templates given (in tests, WooCommerce's own documented
 * examples: "Retrieve an order", "Retrieve a product", "Create an order note"; in the demo, DEMO_TEMPLATES) with
 * ids, keys, amounts, states and links set here. Mounted only by the demo (demo/run.ts) and the tests:
 * `npm start` never serves it.
 *
 * Authentication is WooCommerce's (class-wc-rest-authentication.php): HTTP Basic with the consumer key and
 * secret, honoured only over HTTPS (over plain http WooCommerce wants OAuth 1.0a, which this fake does not
 * speak, so Basic there is ignored and the request is anonymous), unless `plainHttpFromLoopback` (the demo's
 * stand-in, on this machine only). An unknown key is anonymous (401 `woocommerce_rest_cannot_view`); a known key
 * with the wrong secret is 401 with `WWW-Authenticate`; the key's permissions (read, write, read_write) are
 * checked before anything else (401); a key whose user may not manage the shop is 403. As in WordPress, a
 * route's required parameters are checked before its permission.
 *
 * Orders made through the API are priced like WooCommerce's `calculate_totals()`: the lines as given, plus the
 * shop's tax on taxable products when `taxRate` is set. Webhooks are not sent by the fake itself: the changes its
 * pages and its test controls make are handed to `onEvent`, and the API's own changes listed in `webhooks`.
 */

type Json = Record<string, unknown>;
export type FakeOrder = Json & {
  id: number;
  parent_id: number;
  order_key: string;
  status: string;
  currency: string;
  total: string;
  line_items: Json[];
  meta_data: { id: number; key: string; value: unknown }[];
  refunds: { id: number; reason: string; total: string }[];
};
export type FakeProduct = Json & { id: number; name: string; sku: string; price: string };

export interface WooTemplates {
  order: object;
  product: object;
  note: object;
}

export interface FakeKey {
  key: string;
  secret: string;
  permissions: "read" | "write" | "read_write";
  /** Whether the key's WordPress user may manage WooCommerce (a shop manager); false is 403 on every route. */
  manager?: boolean;
}

export interface WooStandInOptions {
  templates?: WooTemplates;
  /** The shop's address: what a seller pastes as the connection's url (REST API under `/wp-json/wc/v3`). */
  base: string;
  /** Where the order-pay page sends the buyer once paid: `<thankYou>/checkout/order-received/<id>/?key=…`. */
  thankYou?: string;
  currency: string;
  keys?: FakeKey[];
  /** Tax added on top of taxable products' lines (0.2 is 20 %), as WooCommerce's settings would. */
  taxRate?: number;
  /** The demo's stand-in only: Basic accepted over plain http from this machine, where WooCommerce wants OAuth. */
  plainHttpFromLoopback?: boolean;
  /** The first id given (the demo starts each run elsewhere: the orders of an earlier run stay in its database). */
  firstId?: number;
}

/** Who sent a request: over TLS or not, and from where. */
export interface Client {
  secure: boolean;
  remoteAddress: string;
}

const API = "/wp-json/wc/v3";
const digits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
const nowGmt = () => new Date().toISOString().slice(0, 19);
const alnum = (length: number) =>
  randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);

class RestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/**
 * Templates of the demo's own making, in the shape of WooCommerce's answers (the tests use WooCommerce's
 * documented examples instead): what the stand-in does not set itself.
 */
export const DEMO_TEMPLATES: WooTemplates = {
  order: {
    version: "9.4.0",
    prices_include_tax: false,
    customer_ip_address: "",
    customer_user_agent: "",
    customer_note: "",
    billing: {
      first_name: "Demo",
      last_name: "Buyer",
      company: "",
      address_1: "1 Harbour Street",
      address_2: "",
      city: "Aquaville",
      state: "",
      postcode: "1000",
      country: "BE",
      email: "buyer@example.com",
      phone: "",
    },
    shipping: {
      first_name: "Demo",
      last_name: "Buyer",
      company: "",
      address_1: "1 Harbour Street",
      address_2: "",
      city: "Aquaville",
      state: "",
      postcode: "1000",
      country: "BE",
    },
    date_completed: null,
    date_completed_gmt: null,
    cart_hash: "",
  },
  product: {
    type: "simple",
    featured: false,
    catalog_visibility: "visible",
    description: "",
    short_description: "",
    manage_stock: false,
    stock_quantity: null,
    backorders: "no",
    backorders_allowed: false,
    images: [],
    categories: [],
    tags: [],
    meta_data: [],
  },
  note: { author: "WooCommerce", customer_note: false },
};

export function wooCommerceStandIn(options: WooStandInOptions) {
  const { currency } = options;
  const templates = options.templates ?? DEMO_TEMPLATES;
  const base = options.base.replace(/\/+$/, "");
  const thankYou = (options.thankYou ?? base).replace(/\/+$/, "");
  const places = digits(currency);
  const minor = (decimal: string | number) => Math.round(Number(decimal) * 10 ** places);
  const decimal = (units: number) => (units / 10 ** places).toFixed(places);

  const orders = new Map<number, FakeOrder>();
  const products = new Map<number, FakeProduct>();
  const notes = new Map<number, Json[]>();
  const keys = new Map((options.keys ?? []).map((key) => [key.key, key]));
  const calls: { method: string; path: string; query: Record<string, string>; body: unknown }[] = [];
  /** What WooCommerce would send its webhooks about, for changes the API made: `{ topic, order }`. */
  const webhooks: { topic: string; order: FakeOrder }[] = [];
  let nextId = options.firstId ?? 1000;
  let loseNext: string | null = null;
  let failNext: { route: string; status: number } | null = null;

  function productLine(product: FakeProduct, quantity: number, total: number, lineId: number): Json {
    const taxable = product.tax_status !== "none" && (options.taxRate ?? 0) > 0;
    const tax = taxable ? Math.round(total * (options.taxRate ?? 0)) : 0;
    return {
      id: lineId,
      name: product.name,
      product_id: product.id,
      variation_id: 0,
      quantity,
      tax_class: "",
      subtotal: decimal(total),
      subtotal_tax: decimal(tax),
      total: decimal(total),
      total_tax: decimal(tax),
      taxes: tax > 0 ? [{ id: 1, total: decimal(tax), subtotal: decimal(tax) }] : [],
      meta_data: [],
      sku: product.sku,
      price: total / 10 ** places / quantity,
    };
  }

  /** An order from the template, priced as WooCommerce's calculate_totals() would. */
  function makeOrder(fields: Partial<FakeOrder> & { line_items: Json[] }): FakeOrder {
    const id = nextId++;
    const key = `wc_order_${alnum(13)}`;
    const lines = fields.line_items;
    const tax = lines.reduce((sum, line) => sum + minor(String(line.total_tax ?? "0")), 0);
    const net = lines.reduce((sum, line) => sum + minor(String(line.total)), 0);
    const order = {
      ...structuredClone(templates.order),
      id,
      parent_id: 0,
      number: String(id),
      order_key: key,
      created_via: "rest-api",
      status: "pending",
      currency,
      date_created: nowGmt(),
      date_created_gmt: nowGmt(),
      date_modified: nowGmt(),
      date_modified_gmt: nowGmt(),
      date_paid: null,
      date_paid_gmt: null,
      discount_total: decimal(0),
      discount_tax: decimal(0),
      shipping_total: decimal(0),
      shipping_tax: decimal(0),
      cart_tax: decimal(tax),
      total_tax: decimal(tax),
      total: decimal(net + tax),
      customer_id: 0,
      payment_method: "",
      payment_method_title: "",
      transaction_id: "",
      meta_data: [],
      tax_lines:
        tax > 0 ? [{ id: 1, rate_code: "TAX-1", rate_id: 1, label: "Tax", tax_total: decimal(tax) }] : [],
      shipping_lines: [],
      fee_lines: [],
      coupon_lines: [],
      refunds: [],
      payment_url: `${base}/checkout/order-pay/${id}/?pay_for_order=true&key=${key}`,
      _links: {
        self: [{ href: `${base}${API}/orders/${id}` }],
        collection: [{ href: `${base}${API}/orders` }],
      },
      ...fields,
    } as FakeOrder;
    orders.set(id, order);
    return order;
  }

  const productBySku = (sku: string) => [...products.values()].find((product) => product.sku === sku);

  const emit = async (topic: string, order: FakeOrder) => {
    await self.onEvent?.(topic, structuredClone(order));
  };
  const touch = (order: FakeOrder) => {
    order.date_modified_gmt = nowGmt();
    order.date_modified = order.date_modified_gmt;
  };

  // -------------------------------------------------------------------------------------------------------------
  // Authentication, as class-wc-rest-authentication.php does it.

  function authenticate(request: Request, client: Client): FakeKey | null {
    const loopback = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(client.remoteAddress);
    if (!client.secure && !(options.plainHttpFromLoopback && loopback)) return null;
    const basic = /^Basic (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!basic) return null;
    const text = Buffer.from(basic, "base64").toString("utf8");
    const [key = "", ...rest] = text.split(":");
    const known = keys.get(key);
    if (!known) return null;
    const given = Buffer.from(rest.join(":"));
    const expected = Buffer.from(known.secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new RestError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.", {
        "www-authenticate":
          'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."',
      });
    }
    const reading = request.method === "GET" || request.method === "HEAD";
    if (reading && known.permissions === "write")
      throw new RestError(
        401,
        "woocommerce_rest_authentication_error",
        "The API key provided does not have read permissions.",
      );
    if (!reading && known.permissions === "read")
      throw new RestError(
        401,
        "woocommerce_rest_authentication_error",
        "The API key provided does not have write permissions.",
      );
    return known;
  }

  /** A route's permission callback: anonymous is 401, a user who may not manage the shop 403. */
  function permitted(user: FakeKey | null, action: "view" | "create" | "edit") {
    const [code, message] = {
      view: ["woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
      create: ["woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."],
      edit: ["woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."],
    }[action] as [string, string];
    if (!user) throw new RestError(401, code, message);
    if (user.manager === false) throw new RestError(403, code, message);
  }

  // -------------------------------------------------------------------------------------------------------------
  // The REST API.

  const order = (id: string | undefined) => {
    const found = orders.get(Number(id));
    if (!found) throw new RestError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
    return found;
  };

  function page<T>(items: T[], query: URLSearchParams) {
    const perPage = Math.min(Number(query.get("per_page") ?? 10) || 10, 100);
    const number = Math.max(Number(query.get("page") ?? 1) || 1, 1);
    const pages = Math.max(Math.ceil(items.length / perPage), 1);
    return {
      body: items.slice((number - 1) * perPage, number * perPage),
      headers: { "x-wp-total": String(items.length), "x-wp-totalpages": String(pages) },
    };
  }

  type Route = {
    method: string;
    pattern: RegExp;
    action: "view" | "create" | "edit";
    required?: string[];
    run(
      match: RegExpMatchArray,
      query: URLSearchParams,
      body: Json,
    ): { body: unknown; headers?: Record<string, string> };
  };
  const routes: Route[] = [
    {
      method: "GET",
      pattern: /^\/orders$/,
      action: "view",
      run: (_match, query) => {
        const parents = (query.get("parent") ?? "").split(",").filter(Boolean).map(Number);
        const status = query.get("status");
        const listed = [...orders.values()]
          .filter((item) => parents.length === 0 || parents.includes(item.parent_id))
          .filter((item) => !status || status === "any" || item.status === status)
          .sort((a, b) => (query.get("order") === "asc" ? a.id - b.id : b.id - a.id));
        return page(listed, query);
      },
    },
    { method: "GET", pattern: /^\/orders\/(\d+)$/, action: "view", run: ([, id]) => ({ body: order(id) }) },
    {
      method: "POST",
      pattern: /^\/orders$/,
      action: "create",
      run: (_match, _query, body) => {
        const lines = ((body.line_items as Json[] | undefined) ?? []).map((line, index) => {
          const product = products.get(Number(line.product_id));
          if (!product)
            throw new RestError(
              400,
              "woocommerce_rest_invalid_product_id",
              "Product ID provided is invalid.",
            );
          const quantity = Number(line.quantity ?? 1);
          const total =
            line.total !== undefined ? minor(String(line.total)) : minor(product.price) * quantity;
          return productLine(product, quantity, total, 100 + index);
        });
        const made = makeOrder({
          line_items: lines,
          parent_id: Number(body.parent_id ?? 0),
          status: String(body.status ?? "pending"),
          customer_id: Number(body.customer_id ?? 0),
          ...(body.billing ? { billing: body.billing } : {}),
          ...(body.shipping ? { shipping: body.shipping } : {}),
          meta_data: ((body.meta_data as Json[] | undefined) ?? []).map((meta, index) => ({
            id: 5000 + nextId * 10 + index,
            key: String(meta.key),
            value: meta.value,
          })),
        });
        if (body.currency && body.currency !== currency) made.currency = String(body.currency);
        webhooks.push({ topic: "order.created", order: structuredClone(made) });
        return { body: made };
      },
    },
    {
      method: "PUT",
      pattern: /^\/orders\/(\d+)$/,
      action: "edit",
      run: ([, id], _query, body) => {
        const found = order(id);
        if (typeof body.status === "string") found.status = body.status;
        touch(found);
        webhooks.push({ topic: "order.updated", order: structuredClone(found) });
        return { body: found };
      },
    },
    {
      method: "GET",
      pattern: /^\/orders\/(\d+)\/notes$/,
      action: "view",
      run: ([, id]) => ({ body: notes.get(order(id).id) ?? [] }),
    },
    {
      method: "POST",
      pattern: /^\/orders\/(\d+)\/notes$/,
      action: "create",
      required: ["note"],
      run: ([, id], _query, body) => {
        const found = orders.get(Number(id));
        if (!found) throw new RestError(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.");
        const list = notes.get(found.id) ?? [];
        const note = {
          ...structuredClone(templates.note),
          id: 9000 + list.length + found.id * 10,
          author: "WooCommerce",
          date_created: nowGmt(),
          date_created_gmt: nowGmt(),
          note: String(body.note),
          customer_note: body.customer_note === true,
          _links: { up: [{ href: `${base}${API}/orders/${found.id}` }] },
        };
        notes.set(found.id, [...list, note]);
        return { body: note };
      },
    },
    {
      method: "GET",
      pattern: /^\/products$/,
      action: "view",
      run: (_match, query) => {
        const sku = query.get("sku");
        const status = query.get("status");
        const listed = [...products.values()]
          .filter((product) => !sku || product.sku === sku)
          .filter((product) => !status || status === "any" || product.status === status)
          .sort((a, b) => a.id - b.id);
        return page(listed, query);
      },
    },
    {
      method: "GET",
      pattern: /^\/products\/(\d+)$/,
      action: "view",
      run: ([, id]) => {
        const found = products.get(Number(id));
        if (!found) throw new RestError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.");
        return { body: found };
      },
    },
    {
      method: "GET",
      pattern: /^\/data\/currencies\/current$/,
      action: "view",
      run: () => ({
        body: {
          code: currency,
          name: currency,
          symbol: currency,
          _links: { collection: [{ href: `${base}${API}/data/currencies` }] },
        },
      }),
    },
  ];

  /** Answers a request to the REST API (`…/wp-json/wc/v3/…`); null when the answer is to be lost. */
  async function api(request: Request, client: Client): Promise<Response | null> {
    const url = new URL(request.url);
    const path = url.pathname.slice(url.pathname.indexOf(API) + API.length).replace(/\/+$/, "");
    const text = request.method === "GET" ? "" : await request.text();
    let body: Json = {};
    try {
      body = text ? (JSON.parse(text) as Json) : {};
    } catch {
      body = {};
    }
    calls.push({ method: request.method, path, query: Object.fromEntries(url.searchParams), body });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { "content-type": "application/json", ...headers },
      });
    try {
      const user = authenticate(request, client);
      const route = routes.find(
        (candidate) => candidate.method === request.method && candidate.pattern.test(path),
      );
      if (!route)
        throw new RestError(404, "rest_no_route", "No route was found matching the URL and request method.");
      const missing = (route.required ?? []).filter((name) => body[name] === undefined);
      if (missing.length > 0)
        throw new RestError(
          400,
          "rest_missing_callback_param",
          `Missing parameter(s): ${missing.join(", ")}`,
        );
      permitted(user, route.action);
      const routeName = `${request.method} ${path.replace(/\/\d+/g, "/{id}")}`;
      if (failNext?.route === routeName) {
        const { status } = failNext;
        failNext = null;
        throw new RestError(
          status,
          "internal_server_error",
          "There has been a critical error on this website.",
        );
      }
      const answer = route.run(path.match(route.pattern) as RegExpMatchArray, url.searchParams, body);
      if (loseNext === routeName) {
        loseNext = null;
        return null;
      }
      return json(200, answer.body, answer.headers);
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      return json(
        error.status,
        { code: error.code, message: error.message, data: { status: error.status } },
        error.headers,
      );
    }
  }

  const self = {
    url: base,
    orders,
    products,
    notes,
    keys,
    calls,
    webhooks,
    /** Called with every change the fake's pages and test controls make, as WooCommerce would send its webhook. */
    onEvent: undefined as ((topic: string, order: FakeOrder) => void | Promise<void>) | undefined,

    /** A product of the shop, from the template. */
    addProduct(fields: Partial<FakeProduct> & { name: string; sku: string; price: string }): FakeProduct {
      const id = nextId++;
      const product = {
        ...structuredClone(templates.product),
        id,
        slug: fields.sku.toLowerCase(),
        permalink: `${base}/product/${fields.sku.toLowerCase()}/`,
        regular_price: fields.price,
        sale_price: "",
        on_sale: false,
        purchasable: true,
        status: "publish",
        stock_status: "instock",
        tax_status: "taxable",
        _links: { self: [{ href: `${base}${API}/products/${id}` }] },
        ...fields,
      } as FakeProduct;
      products.set(id, product);
      return product;
    },

    /** A front-end order, paid (processing) just now: what a buyer's checkout makes. */
    paidOrder(lines: { sku: string; quantity: number }[], fields: Partial<FakeOrder> = {}): FakeOrder {
      const items = lines.map(({ sku, quantity }, index) => {
        const product = productBySku(sku);
        if (!product) throw new Error(`the fake shop has no product ${sku}`);
        return productLine(product, quantity, minor(product.price) * quantity, 10 + index);
      });
      const made = makeOrder({ line_items: items, ...fields });
      Object.assign(made, {
        created_via: "checkout",
        status: "processing",
        payment_method: "bacs",
        payment_method_title: "Direct Bank Transfer",
        date_paid: nowGmt(),
        date_paid_gmt: nowGmt(),
      });
      return made;
    },

    /** The buyer pays the order on its order-pay page (as its Pay button does): processing, and its webhook. */
    async pay(id: number): Promise<FakeOrder> {
      const found = order(String(id));
      Object.assign(found, {
        status: "processing",
        payment_method: "stripe",
        payment_method_title: "Credit card",
        transaction_id: `txn_${alnum(12)}`,
        date_paid: nowGmt(),
        date_paid_gmt: nowGmt(),
      });
      touch(found);
      await emit("order.updated", found);
      return found;
    },

    /** The seller refunds `amount` (a decimal string) of an order: refunded in full, or still processing with refunds. */
    async refund(id: number, amount: string): Promise<FakeOrder> {
      const found = order(String(id));
      found.refunds.push({
        id: 7000 + found.refunds.length,
        reason: "",
        total: `-${decimal(minor(amount))}`,
      });
      const refunded = found.refunds.reduce((sum, refund) => sum - minor(refund.total), 0);
      if (refunded >= minor(found.total)) found.status = "refunded";
      touch(found);
      await emit("order.updated", found);
      return found;
    },

    /** The order moves to a status (failed, cancelled…), and its webhook is sent. */
    async setStatus(id: number, status: string): Promise<FakeOrder> {
      const found = order(String(id));
      found.status = status;
      touch(found);
      await emit("order.updated", found);
      return found;
    },

    /** The next request to `route` (`POST /orders`, `GET /orders/{id}`…) is acted on, but its answer is lost. */
    loseNextAnswer(route: string) {
      loseNext = route;
    },
    /** The next request to `route` fails with `status` before anything is done. */
    failNext(route: string, status = 500) {
      failNext = { route, status };
    },

    api,
    /** The order-pay page's address of an order, and where it sends the buyer once paid. */
    thankYouOf: (order: FakeOrder) =>
      `${thankYou}/checkout/order-received/${order.id}/?key=${order.order_key}`,
  };
  return self;
}
export type WooCommerceStandIn = ReturnType<typeof wooCommerceStandIn>;
