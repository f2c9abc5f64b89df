// Runs once when the server starts; checks the configuration before any customer arrives.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigOrExit } = await import("./lib/startup/check-config");
    checkConfigOrExit();
  }
}
