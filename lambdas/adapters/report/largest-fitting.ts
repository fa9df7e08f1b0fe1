/**
 * The largest `k` in `[0, max]` for which `build(k)` returns a value (`undefined` = does not fit),
 * with that value; `undefined` when not even `k = 0` fits. Binary search: `build` is called about
 * log2(max) times, so a 2,000-action report is rendered ~12 times, not 2,000.
 * Assumes fitting is (near-)monotonic in k, which holds when k counts kept items.
 */
export function largestFitting<T>(max: number, build: (k: number) => T | undefined): { k: number; value: T } | undefined {
  let lo = 0;
  let hi = max;
  let best: { k: number; value: T } | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const value = build(mid);
    if (value === undefined) {
      hi = mid - 1;
    } else {
      best = { k: mid, value };
      lo = mid + 1;
    }
  }
  return best;
}
