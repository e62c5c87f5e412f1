declare module "virtual:aquarium-wire" {
  /** The contract's schemas the widget reads, as JSON Schema (widget/wire.ts makes them at build time). */
  const schemas: import("./wire.ts").Wire;
  export default schemas;
}
