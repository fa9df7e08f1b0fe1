import type { OAuthClient } from '../lambdas/core/model/oauth-client.js';
import { checkGuard } from '../lambdas/core/rules/check-guard.js';
import { evaluateTenant } from '../lambdas/core/plan/evaluate-tenant.js';
import { DEFAULT_POLICY, parsePolicy } from '../lambdas/core/model/policy.js';
import { seedTenant } from '../sandbox/seed-tenant.js';
import { median, round } from './median.js';

/**
 * Child-process entry (run with --expose-gc): evaluate and plan `count` synthetic clients
 * (the sandbox's realistic mix) `runs` times. Building the input is not timed. Peak memory is
 * the OS's own high-water mark (resourceUsage().maxRSS) for the whole process, input included,
 * so nothing is missed between samples; `inputRssMB` is that mark once the input alone is built,
 * the floor under `peakRssMB`. Prints one JSON line: CoreScaleFigures.
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
  /**
   * Process peak RSS (MB) once the input is built, before any evaluation: Node plus the 100,000
   * client objects. `peakRssMB` minus this is what evaluating adds.
   */
  readonly inputRssMB?: number;
  /** Largest heapUsed right after an evaluation, before any GC (MB). */
  readonly peakHeapUsedMB: number;
  /** heapUsed once the input is built (after a GC): the clients themselves, not the evaluation. */
  readonly inputHeapMB: number;
  /** The catastrophic-backtracking pattern `^(a+)+$` as an exempt name against hostile names. */
  readonly hostileNames?: HostileNamesFigures;
}

export interface HostileNamesFigures {
  readonly clients: number;
  /** Each name is this many `a`s and a final `!`: the input that makes a backtracking engine hang. */
  readonly nameLength: number;
  readonly pattern: string;
  /** One evaluateTenant over all of them, the pattern compiled once. */
  readonly ms: number;
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
  const inputRss = maxRss();
  const runsMs: number[] = [];
  let planned = 0;
  let peakHeap = 0;
  for (let i = 0; i < runs; i += 1) {
    gc();
    const run = evaluateOnce(clients, now);
    runsMs.push(run.ms);
    peakHeap = Math.max(peakHeap, run.heapUsed);
    planned = run.planned;
  }
  const figures: CoreScaleFigures = {
    clients: count,
    runs,
    medianMs: round(median(runsMs), 1),
    runsMs,
    planned,
    peakRssMB: round(maxRss() / MB, 1),
    baseRssMB: round(baseRss / MB, 1),
    inputRssMB: round(inputRss / MB, 1),
    peakHeapUsedMB: round(peakHeap / MB, 1),
    inputHeapMB: round(inputHeap / MB, 1),
    hostileNames: hostileNamesOnce(Math.min(count, 10_000), now),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/**
 * One timed run, in its own frame: its evaluation is unreachable once it returns, so the next
 * run's gc() frees it and the peak holds one evaluation, as a real run does (a variable in the
 * loop kept the previous run's ~17 MB alive through the next run).
 */
function evaluateOnce(clients: readonly OAuthClient[], now: Date): { ms: number; heapUsed: number; planned: number } {
  const started = performance.now();
  const evaluation = evaluateTenant({ clients, policy: DEFAULT_POLICY, now, selfClientId: 'bench-self' });
  checkGuard(evaluation.plan, evaluation.counts.total, DEFAULT_POLICY.limits);
  const ms = round(performance.now() - started, 1);
  return { ms, heapUsed: process.memoryUsage().heapUsed, planned: evaluation.plan.length };
}

/** Names built to make a backtracking engine run for hours; RE2 reads each once. Timed after the memory figures. */
function hostileNamesOnce(count: number, now: Date): HostileNamesFigures {
  const nameLength = 5_000;
  const pattern = '^(a+)+$';
  const name = `${'a'.repeat(nameLength)}!`;
  const clients = seedTenant({ count, seed: 13, now }).map((client) => ({ ...client, name }));
  const policy = parsePolicy({ exempt: { names: [pattern] } });
  const started = performance.now();
  evaluateTenant({ clients, policy, now, selfClientId: 'bench-self' });
  return { clients: count, nameLength, pattern, ms: round(performance.now() - started, 1) };
}

/** The process's RSS high-water mark so far, in bytes (maxRSS is in KB). */
function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

main();
