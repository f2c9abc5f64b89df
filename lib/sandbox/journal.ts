/**
 * Durable state for the sandbox without a database: every change is appended synchronously to a
 * JSON-lines journal (so even `kill -9` keeps it: the OS has the bytes), and on start the snapshot
 * plus the journal are replayed, then compacted into a new snapshot.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Collections = Record<string, Record<string, unknown>>;

export class Journal {
  private readonly snapshotPath: string;
  private readonly journalPath: string;
  readonly data: Collections = {};

  constructor(readonly dir: string | null) {
    this.snapshotPath = dir ? join(dir, "snapshot.json") : "";
    this.journalPath = dir ? join(dir, "journal.jsonl") : "";
    if (dir) this.load(dir);
  }

  collection<T>(name: string): Record<string, T> {
    return (this.data[name] ??= {}) as Record<string, T>;
  }

  /** Stores a record and makes it durable before returning. */
  put(name: string, id: string, value: unknown): void {
    this.collection(name)[id] = value;
    if (this.dir) appendFileSync(this.journalPath, JSON.stringify({ c: name, id, v: value }) + "\n");
  }

  delete(name: string, id: string): void {
    delete this.collection(name)[id];
    if (this.dir) appendFileSync(this.journalPath, JSON.stringify({ c: name, id, d: true }) + "\n");
  }

  clear(): void {
    for (const key of Object.keys(this.data)) delete this.data[key];
    if (this.dir) this.compact();
  }

  /** Writes everything to a fresh snapshot (via rename, so a crash leaves the old one) and empties the journal. */
  compact(): void {
    if (!this.dir) return;
    const tmp = this.snapshotPath + ".tmp";
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.snapshotPath);
    rmSync(this.journalPath, { force: true });
  }

  private load(dir: string) {
    mkdirSync(dir, { recursive: true });
    if (existsSync(this.snapshotPath))
      Object.assign(this.data, JSON.parse(readFileSync(this.snapshotPath, "utf8")) as Collections);
    if (existsSync(this.journalPath)) {
      for (const line of readFileSync(this.journalPath, "utf8").split("\n")) {
        if (!line.trim()) continue;
        let entry: { c: string; id: string; v?: unknown; d?: boolean };
        try {
          entry = JSON.parse(line);
        } catch {
          continue; // a line cut short by a crash mid-write: everything before it is intact
        }
        if (entry.d) delete this.collection(entry.c)[entry.id];
        else this.collection(entry.c)[entry.id] = entry.v;
      }
    }
    this.compact();
  }
}
