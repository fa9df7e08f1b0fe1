import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runBaselineBench, type BaselineRow } from './baseline-bench.js';
import type { BenchResults } from './bench-results.js';
import { benchTables } from './bench-tables.js';
import { checkTargets } from './check-targets.js';
import { runColdStartBench } from './cold-start-bench.js';
import { runCoreScaleBench } from './core-scale-bench.js';
import { runCliMemoryBench } from './cli-memory-bench.js';
import { DEFAULT_FLEET_BENCH, runFleetBench } from './fleet-bench.js';
import { fleetTable } from './fleet-table.js';
import { describeMachine, machineInfo } from './machine-info.js';
import { parseBenchArgs, PERFORMANCE_DOC } from './parse-bench-args.js';
import { runRateLimitBench, type RateLimitFigures } from './rate-limit-bench.js';
import { renderPerformanceDoc } from './render-performance-doc.js';
import type { StaleScenario } from './stale-scenario.js';
import { windowNote } from './window-note.js';
import { ownersLines, runOwnersBench } from './owners-bench.js';

/** The bench tenant of the owner lookups (`--owners`). */
const OWNERS_BENCH_CLIENTS = 10_000;

/**
 * `npm run bench`: the five benchmarks, one after the other (never in parallel: they
 * measure time on a small machine), each table printed as soon as its section ends.
 */
async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.fleet) return fleetMain(args.fleet.tenants, args.jsonFile);
  if (args.owners) {
    for (const line of ownersLines(await runOwnersBench(OWNERS_BENCH_CLIENTS))) process.stdout.write(`${line}\n`);
    return;
  }
  const machine = machineInfo();
  const clients = args.quick ? 60 : 1000;
  const latencies = args.quick ? [50] : [50, 200, 500];
  const limit = { requests: 100, windowMs: args.windowMs };
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Machine: ${describeMachine(machine)}`);
  log(`Scenario: ${clients} stale clients, limit ${limit.requests} per ${limit.windowMs} ms, latency ${latencies.join('/')} ms${args.quick ? ' (quick)' : ''}`);
  log(`${windowNote(limit.windowMs)}\n`);

  const scenario = (latencyMs: number): StaleScenario => ({ count: clients, latencyMs, limit });
  const rateLimit: RateLimitFigures[] = [];
  for (const latency of latencies) rateLimit.push(await runRateLimitBench(scenario(latency)));
  const partial = { rateLimit, baseline: [] as BaselineRow[] };
  const print = (section: string, results: BenchResults) => {
    const table = benchTables(results, checkTargets(results)).find((t) => t.title === section);
    if (table) log(`${table.table}\n`);
  };

  const pending = {
    measuredAt: new Date().toISOString(),
    machine,
    quick: args.quick,
    scenario: { clients, limit, latenciesMs: latencies },
    ...partial,
    coldStart: [],
    coreScale: { clients: 0, runs: 0, medianMs: 0, runsMs: [], planned: 0, peakRssMB: 0, baseRssMB: 0, peakHeapUsedMB: 0, inputHeapMB: 0 },
  } satisfies BenchResults;
  print('rate', pending);

  for (const latency of latencies) partial.baseline.push(...(await runBaselineBench(scenario(latency), { full: args.full })));
  print('baseline', pending);

  const coldStart = await runColdStartBench(args.quick ? 3 : 10);
  print('cold', { ...pending, coldStart });

  const coreScale = await runCoreScaleBench(args.quick ? 2_000 : 100_000, args.quick ? 2 : 5);
  print('core', { ...pending, coldStart, coreScale });

  const cliMemory = await runCliMemoryBench(args.quick ? 2_000 : 50_000);
  const results: BenchResults = { ...pending, coldStart, coreScale, cliMemory };
  print('memory', results);
  const targets = checkTargets(results);
  print('targets', results);

  if (args.jsonFile) writeOut(args.jsonFile, `${JSON.stringify({ ...results, targets }, null, 2)}\n`);
  if (args.docFile) writeOut(args.docFile, renderPerformanceDoc(results, targets));
  if (args.jsonFile) log(`Figures written to ${args.jsonFile}`);
  if (args.docFile) log(`Report written to ${args.docFile}`);
  else log(`${PERFORMANCE_DOC} left as it is (--write records these figures there)`);
  const failed = targets.filter((target) => !target.pass);
  // A failed target is a failed benchmark: CI and people read the exit code, not the table.
  if (failed.length > 0) {
    log(`${failed.length} of ${targets.length} targets FAILED: ${failed.map((target) => target.target).join('; ')}`);
    process.exitCode = 1;
  }
}

/** `--fleet`: the simulated night alone (minutes; it starts moto and a pool of sandbox servers). */
async function fleetMain(tenants: number, jsonFile: string | undefined): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const options = { ...DEFAULT_FLEET_BENCH, tenants };
  log(`Machine: ${describeMachine(machineInfo())}`);
  log(
    `Scenario: ${options.tenants} tenants x ${options.clientsPerTenant} clients, local times over ${options.ticks} quarter hours in 8 time zones, ` +
      `${options.concurrency} tenants at once; sandbox limit ${options.limit.requests} per ${options.limit.windowMs} ms per token, ${options.latencyMs} ms latency\n`,
  );
  const figures = await runFleetBench(options, log);
  log(`\n${fleetTable(figures)}`);
  if (jsonFile) {
    writeOut(jsonFile, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machineInfo(), fleet: figures }, null, 2)}\n`);
    log(`Figures written to ${jsonFile}`);
  }
  if (figures.lost > 0) process.exitCode = 1;
}

function writeOut(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
