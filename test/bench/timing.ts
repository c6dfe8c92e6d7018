// Timing helpers shared by the benchmarks: wall time of a call, medians, and a GC between runs.
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Collects garbage between runs when node runs with --expose-gc (scripts/bench.mjs passes it). */
export const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
