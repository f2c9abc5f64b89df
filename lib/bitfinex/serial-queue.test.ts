import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { SerialQueue } from "./serial-queue";

describe("SerialQueue", () => {
  it("never runs two tasks at once (50 tasks with random awaits)", async () => {
    const queue = new SerialQueue();
    let running = 0;
    let maxRunning = 0;
    const tasks = Array.from({ length: 50 }, (_, i) =>
      queue.run(async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await delay(Math.floor(Math.random() * 3));
        await Promise.resolve();
        await delay(Math.floor(Math.random() * 2));
        running -= 1;
        return i;
      }),
    );
    const results = await Promise.all(tasks);
    assert.equal(maxRunning, 1);
    assert.equal(running, 0);
    assert.deepEqual(results, Array.from({ length: 50 }, (_, i) => i));
  });

  it("runs tasks in the order they were queued", async () => {
    const queue = new SerialQueue();
    const started: number[] = [];
    const finished: number[] = [];
    // Earlier tasks take longer, so a non-serial runner would finish them last.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        queue.run(async () => {
          started.push(i);
          await delay(10 - i);
          finished.push(i);
        }),
      ),
    );
    const expected = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(started, expected);
    assert.deepEqual(finished, expected);
  });

  it("does not start a task before the previous one has finished", async () => {
    const queue = new SerialQueue();
    let releaseFirst!: () => void;
    let secondStarted = false;
    const first = queue.run(() => new Promise<void>((r) => (releaseFirst = r)));
    const second = queue.run(async () => {
      secondStarted = true;
    });
    await delay(5);
    assert.equal(secondStarted, false);
    releaseFirst();
    await Promise.all([first, second]);
    assert.equal(secondStarted, true);
  });

  it("a rejected task rejects its own caller but does not block the next", async () => {
    const queue = new SerialQueue();
    const failing = queue.run(async () => {
      throw new Error("boom");
    });
    const throwingSync = queue.run(() => {
      throw new Error("sync boom");
    });
    const next = queue.run(async () => "ok");
    await assert.rejects(failing, /boom/);
    await assert.rejects(throwingSync, /sync boom/);
    assert.equal(await next, "ok");
  });

  it("passes each task's own result back to its caller", async () => {
    const queue = new SerialQueue();
    const [a, b] = await Promise.all([queue.run(async () => "a"), queue.run(async () => 2)]);
    assert.equal(a, "a");
    assert.equal(b, 2);
  });

  it("pending counts queued plus running tasks, and returns to 0", async () => {
    const queue = new SerialQueue();
    assert.equal(queue.pending, 0);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = queue.run(() => gate);
    const second = queue.run(async () => {});
    const third = queue.run(async () => {
      throw new Error("x");
    });
    assert.equal(queue.pending, 3);
    release();
    await first;
    await second;
    await assert.rejects(third);
    assert.equal(queue.pending, 0);
  });
});
