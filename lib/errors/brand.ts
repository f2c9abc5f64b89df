/**
 * `instanceof` for error classes that must be recognised across copies of their module. Next.js
 * bundles instrumentation.ts (which starts the services at boot) apart from the routes, so an
 * error thrown by the Bitfinex client those services hold is an instance of another copy of
 * BitfinexError than the one a route imports, and a plain `instanceof` says no: the route then
 * answered 500 instead of "Bitfinex is busy, trying again". A mark keyed in the global symbol
 * registry is the same in every copy; the classes use it for `instanceof` itself.
 */
export function brand(name: string) {
  const key = Symbol.for(`bitfinex-checkout:${name}`);
  return {
    mark(target: object) {
      Object.defineProperty(target, key, { value: true });
    },
    has(value: unknown): boolean {
      return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[key] === true;
    },
  };
}
