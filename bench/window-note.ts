import { round } from './median.js';

/**
 * Why the scaled window is what it is, printed with the figures. Latency is not scaled with the
 * window, and a run has 3 sequential round trips no pacing can hide (token, lists, last PATCH).
 * A client that starts its whole budget the moment a window allows, with no other delay, needs
 * 10 windows + 3 latencies for 1003 requests at 95 per window: at 500 ms latency that is 11.5 s
 * with a 1 s window (efficiency 0.87; 0.91 even at 100% of the limit) and 21.5 s with a 2 s
 * window (0.93). So the default is 2 s: the target stays 0.90, the formula stays the same.
 */
export function windowNote(windowMs: number): string {
  return (
    `Window: ISC's 10 s window is scaled to ${windowMs} ms, latency is not, so the 3 round trips that no pacing can hide ` +
    `(token, lists, last PATCH) weigh ${round(10_000 / windowMs, 1)}x more than against ISC. The default is 2000 ms: ` +
    'with 1000 ms they alone cap a perfect client paced at 95% near 0.87 efficiency at 500 ms latency (--window-ms changes it).'
  );
}
