/** Embed origins saved before the strict rules (a wildcard) never reach the CSP header. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openDatabase, type DbHandle } from "../db/connect";
import { appState } from "../db/schema";
import { publishedEmbedOrigins } from "./embed-origins";
import { readSettings, settingsPatchSchema } from "./merchant-settings";

describe("embed origins in the saved settings", () => {
  let handle: DbHandle;
  before(async () => {
    handle = await openDatabase({ memory: true });
  });
  after(async () => {
    await handle.close();
  });

  it("an origin saved before the rules were strict is dropped when read, and so never published", async () => {
    const saved = ["https://shop.example", "https://*.shop.example", "*", "https://a.example;script-src"];
    await handle.db
      .insert(appState)
      .values({ key: "merchant_settings", value: { embedOrigins: saved }, updatedAt: new Date() });
    const settings = await readSettings(handle.db);
    assert.deepEqual(settings.embedOrigins, ["https://shop.example"]);
    assert.deepEqual(publishedEmbedOrigins(), ["https://shop.example"]);
  });

  it("the dashboard's patch refuses a wildcard by its line, saying why", () => {
    const parsed = settingsPatchSchema.safeParse({ embedOrigins: ["https://ok.example", "https://*.shop.example"] });
    assert.equal(parsed.success, false);
    const issue = parsed.error!.issues[0]!;
    assert.deepEqual(issue.path, ["embedOrigins", 1]);
    assert.match(issue.message, /wildcard/);
  });
});
