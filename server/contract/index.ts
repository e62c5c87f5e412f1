/** The contract: every shape that crosses a boundary, shared by the server, the widget and the admin. */
export * from "./admin.ts";
export * from "./admin-answers.ts";
export * from "./answers.ts";
export * from "./discount.ts";
export * from "./error.ts";
export * from "./events.ts";
export * from "./health.ts";
export * from "./hooks.ts";
export * from "./ids.ts";
export * from "./money.ts";
export * from "./order.ts";
export * from "./payment.ts";
export * from "./pricing.ts";
export * from "./session.ts";
export * from "./stats.ts";
export * from "./widget.ts";
export * from "./words.ts";
