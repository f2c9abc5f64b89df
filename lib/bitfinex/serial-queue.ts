/**
 * Runs tasks one at a time, in the order they were queued. Bitfinex rejects a nonce that is not
 * larger than the last one it saw; two requests in flight at once could overtake each other on the
 * wire. Taking the nonce and sending inside one queue slot means requests for one key reach
 * Bitfinex in nonce order, however many callers there are.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;

  get pending(): number {
    return this.depth;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.depth += 1;
    const result = this.tail.then(task);
    // The chain must continue whether this task failed or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.depth -= 1;
    });
  }
}
