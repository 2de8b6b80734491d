/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile (p in 0–100) of a sample. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ratio = (value: number, anchor: number) => value / anchor;

/** A figure measured several times: its median and every run, for the JSON record. */
export interface Measured {
  median: number;
  runs: number[];
}

export const measured = (runs: number[]): Measured => ({ median: median(runs), runs });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
