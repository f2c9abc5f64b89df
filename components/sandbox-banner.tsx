/** Shown on every page while the app runs against its built-in Bitfinex sandbox. */
export const SANDBOX_NOTICE = "Sandbox mode: payments are simulated by the built-in Bitfinex sandbox and no real funds move.";
// Shared with the payment pages, which show the same banner above their own frame.
export const SANDBOX_BANNER_CLASS = "bg-amber-300 px-4 py-2 text-center text-sm font-medium text-amber-950";

export function SandboxBanner() {
  return (
    <div role="status" className={SANDBOX_BANNER_CLASS}>
      {SANDBOX_NOTICE}
    </div>
  );
}
