/** Shown on every page while the app runs against its built-in Bitfinex sandbox. */
export function SandboxBanner() {
  return (
    <div role="status" className="bg-amber-300 px-4 py-2 text-center text-sm font-medium text-amber-950">
      Sandbox mode: payments are simulated by the built-in Bitfinex sandbox and no real funds move.
    </div>
  );
}
