import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, mock } from "node:test";
import { log } from "../observability/log";
import { dbTargets } from "../../test/support/checkout-harness";
import type { DbHandle } from "../db/connect";
import { auditCsv, listAudit, parseAuditFilter, recordAudit } from "./log";

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

describe("the audit log is append-only", () => {
  it("no code outside the migrations updates or deletes audit_events", () => {
    const offenders = [...sourceFiles("lib"), ...sourceFiles("app")].filter((f) => {
      const s = readFileSync(f, "utf8");
      return /\.(update|delete)\(\s*auditEvents\b/.test(s) || /(update|delete\s+from)\s+"?audit_events/i.test(s);
    });
    assert.deepEqual(offenders, []);
  });
});

for (const [name, open, { it, after }] of dbTargets()) {
  describe(`audit log (${name})`, () => {
    const handles: DbHandle[] = [];
    after(() => Promise.all(handles.map((h) => h.close())));

    it("records who, when, from where, what and what changed, and reads them back newest first, filtered", async () => {
      const h = await open();
      handles.push(h);
      const alice = { id: "usr_a", name: "Alice" };
      const t0 = Date.parse("2026-12-01T10:00:00Z");
      assert.equal(
        await recordAudit(
          h.db,
          { actor: alice, address: "203.0.113.9", action: "signin.succeeded", details: { method: "password" } },
          t0,
        ),
        true,
      );
      await recordAudit(
        h.db,
        { actor: alice, address: "203.0.113.9", action: "refund.sent", subject: "co_1", details: { amount: "0.001" } },
        t0 + 1000,
      );
      await recordAudit(
        h.db,
        { actor: { id: "unknown", name: "mallory" }, address: "198.51.100.7", action: "signin.failed" },
        t0 + 2000,
      );
      const all = await listAudit(h.db);
      assert.deepEqual(
        all.map((r) => r.action),
        ["signin.failed", "refund.sent", "signin.succeeded"],
      );
      assert.equal(all[1]!.actorName, "Alice");
      assert.equal(all[1]!.address, "203.0.113.9");
      assert.equal(all[1]!.subject, "co_1");
      assert.deepEqual(all[1]!.details, { amount: "0.001" });
      assert.equal(all[1]!.at.toISOString(), "2026-12-01T10:00:01.000Z");
      assert.deepEqual(
        (await listAudit(h.db, { action: "signin.failed" })).map((r) => r.actorName),
        ["mallory"],
      );
      assert.deepEqual(
        (await listAudit(h.db, { text: "alic" })).map((r) => r.action),
        ["refund.sent", "signin.succeeded"],
      );
      // LIKE's wildcards in the filter are taken literally.
      assert.deepEqual(await listAudit(h.db, { text: "%" }), []);
      assert.deepEqual(
        (await listAudit(h.db, parseAuditFilter(new URLSearchParams("from=2026-12-01&to=2026-12-01&q=198.51")))).map(
          (r) => r.action,
        ),
        ["signin.failed"],
      );
      assert.equal((await listAudit(h.db, parseAuditFilter(new URLSearchParams("from=2026-12-02")))).length, 0);
    });

    it("a failed write is reported, not thrown into the action it describes", async () => {
      const h = await open();
      handles.push(h);
      const errors: string[] = [];
      const spy = mock.method(log(), "error", (line: string) => void errors.push(line));
      try {
        // An action longer than anything is fine; a details value JSON cannot hold is not.
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        assert.equal(
          await recordAudit(h.db, {
            actor: { id: "x", name: "x" },
            address: null,
            action: "setting.changed",
            details: cyclic,
          }),
          false,
        );
      } finally {
        spy.mock.restore();
      }
      assert.match(errors.join("\n"), /audit: could not record setting\.changed/);
    });
  });
}

describe("the CSV export", () => {
  it("has a header, one line per entry, and defuses spreadsheet formulas", () => {
    const csv = auditCsv([
      {
        id: 7,
        at: new Date("2026-12-01T10:00:00Z"),
        actorId: "unknown",
        actorName: '=HYPERLINK("http://evil")',
        address: "203.0.113.9",
        action: "signin.failed",
        subject: null,
        details: { method: "password" },
      },
    ]);
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines[0], '"id","at","actor_id","actor","address","action","subject","details"');
    assert.equal(
      lines[1],
      '"7","2026-12-01T10:00:00.000Z","unknown","\'=HYPERLINK(""http://evil"")","203.0.113.9","signin.failed","","{""method"":""password""}"',
    );
  });
});
