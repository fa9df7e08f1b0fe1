import { checkGuard } from '../lambdas/core/check-guard.js';
import { evaluateTenant } from '../lambdas/core/evaluate-tenant.js';
import { DEFAULT_POLICY } from '../lambdas/core/policy.js';
import { seedTenant } from '../sandbox/seed-tenant.js';
import { median, round } from './median.js';

/**
 * Child-process entry (run with --expose-gc): evaluate and plan `count` synthetic clients
 * (the sandbox's realistic mix) `runs` times. Peak memory is the OS's own high-water mark
 * (resourceUsage().maxRSS) for the whole process, input included, so nothing is missed
 * between samples. Prints one JSON line: CoreScaleFigures.
 */
export interface CoreScaleFigures {
  readonly clients: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  readonly planned: number;
  /** Process peak RSS (MB), Node itself and the input included. */
  readonly peakRssMB: number;
  /** RSS before the input was built: what Node costs on its own. */
  readonly baseRssMB: number;
  /** Largest heapUsed right after an evaluation, before any GC (MB). */
  readonly peakHeapUsedMB: number;
  /** heapUsed once the input is built (after a GC): the clients themselves, not the evaluation. */
  readonly inputHeapMB: number;
}

const MB = 1024 * 1024;

function main(): void {
  const { count, runs } = JSON.parse(process.argv[2] ?? '{}') as { count: number; runs: number };
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const baseRss = process.memoryUsage().rss;
  const now = new Date('2026-06-01T00:00:00Z');
  const clients = seedTenant({ count, seed: 11, now });
  gc();
  const inputHeap = process.memoryUsage().heapUsed;
  const runsMs: number[] = [];
  let planned = 0;
  let peakHeap = 0;
  for (let i = 0; i < runs; i += 1) {
    gc();
    const started = performance.now();
    const evaluation = evaluateTenant({ clients, policy: DEFAULT_POLICY, now, selfClientId: 'bench-self' });
    checkGuard(evaluation.plan, evaluation.counts.total, DEFAULT_POLICY.limits);
    runsMs.push(round(performance.now() - started, 1));
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    planned = evaluation.plan.length;
  }
  const figures: CoreScaleFigures = {
    clients: count,
    runs,
    medianMs: round(median(runsMs), 1),
    runsMs,
    planned,
    peakRssMB: round((process.resourceUsage().maxRSS * 1024) / MB, 1),
    baseRssMB: round(baseRss / MB, 1),
    peakHeapUsedMB: round(peakHeap / MB, 1),
    inputHeapMB: round(inputHeap / MB, 1),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main();
