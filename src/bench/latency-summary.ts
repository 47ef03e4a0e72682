/** What one load run measured: answers, errors and latency percentiles in milliseconds. */
export interface LatencySummary {
  readonly requests: number;
  readonly errors: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly requestsPerSecond: number;
  /** The first few error messages, to say what went wrong. */
  readonly sampleErrors: readonly string[];
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** Summarizes the latencies of a run of `seconds` (every request, answered or not). */
export function summarizeLatencies(latencies: readonly number[], errors: readonly string[], seconds: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors: errors.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    requestsPerSecond: latencies.length / seconds,
    sampleErrors: [...new Set(errors)].slice(0, 3),
  };
}
