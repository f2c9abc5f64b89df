/**
 * Small number helpers for the benchmark: percentiles of timing samples (milliseconds, which are
 * measurements, not money, so floats are fine here) and the shape of a summary.
 */

/** The p-th percentile (0–100) by the nearest-rank method: always one of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    min: round(Math.min(...samples)),
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(Math.max(...samples)),
  };
}

/** Rounds to `digits` decimals (for reports only). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** How far `b` is from `a`, as a fraction of `a` (0.1 = 10% more). */
export function relativeChange(a: number, b: number): number {
  if (a === 0) throw new Error("relative change from zero");
  return (b - a) / a;
}
