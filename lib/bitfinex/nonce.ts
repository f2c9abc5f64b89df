/**
 * Nonces in microseconds since the epoch, as Bitfinex's docs generate them, kept strictly
 * increasing within the process even when the clock stands still or steps back.
 * Microsecond values (~1.7e15) stay below Number.MAX_SAFE_INTEGER.
 */
export class NonceSource {
  private last = 0;
  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    const candidate = this.now() * 1000;
    this.last = candidate > this.last ? candidate : this.last + 1;
    return String(this.last);
  }
}
