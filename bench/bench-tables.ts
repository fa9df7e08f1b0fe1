import type { BenchResults, TargetCheck } from './bench-results.js';
import { formatTable } from './format-table.js';
import { round } from './median.js';

/** The sections (the memory one once measured) and the targets as plain-text tables, in the order the bench prints them. */
export function benchTables(results: BenchResults, targets: readonly TargetCheck[]): { title: string; table: string }[] {
  const { limit } = results.scenario;
  const limitText = `${limit.requests} req / ${limit.windowMs} ms`;
  const perSecond = (limit.requests * 1000) / limit.windowMs;
  const oursAt = (latency: number) => results.rateLimit.find((r) => r.latencyMs === latency);

  const rate = formatTable(
    `1. Rate-limit efficiency: ${results.scenario.clients} stale clients disabled, limit ${limitText}, janitor paced at 95%`,
    [
      { header: 'latency ms', value: (r) => r.latencyMs },
      { header: 'concurrency', value: (r) => r.concurrency },
      { header: 'wall s', value: (r) => r.wallS },
      { header: 'bound s', value: (r) => r.boundS },
      { header: 'requests', value: (r) => r.requests },
      { header: '429s', value: (r) => r.rateLimited },
      { header: '429 %', value: (r) => r.rateLimitedPct },
      { header: 'req/s', value: (r) => r.achievedRps },
      { header: 'efficiency', value: (r) => r.efficiency },
      { header: 'action-phase req/s', value: (r) => r.actionPhaseRps },
      { header: 'done', value: (r) => r.done },
      { header: 'failed', value: (r) => r.failed },
    ],
    results.rateLimit,
  );
  const baseline = formatTable(
    `2. sailpoint-api-client baseline, same scenario (limit ${perSecond} req/s); ratio = our wall / theirs`,
    [
      { header: 'latency ms', value: (r) => r.latencyMs },
      { header: 'style', value: (r) => (r.sampledClients === undefined ? r.style : `${r.style} (est. from ${r.sampledClients})`) },
      { header: 'wall s', value: (r) => r.wallS },
      { header: 'requests', value: (r) => r.requests },
      { header: '429s', value: (r) => r.rateLimited },
      { header: 'disabled', value: (r) => r.disabled },
      { header: 'failed', value: (r) => r.failed },
      { header: 'our wall s', value: (r) => oursAt(r.latencyMs)?.wallS ?? '-' },
      { header: 'ours/theirs', value: (r) => (oursAt(r.latencyMs) ? round((oursAt(r.latencyMs)?.wallS ?? 0) / r.wallS, 3) : '-') },
    ],
    results.baseline,
  );
  const cold = formatTable(
    '3. Cold start: bundled as lib/janitor-function.ts does (esbuild, ESM, node24, minified)',
    [
      { header: 'handler', value: (r) => r.name },
      { header: 'KB as deployed', value: (r) => r.sizeKB },
      { header: 'KB without AWS SDK', value: (r) => r.sizeWithoutAwsSdkKB },
      { header: 'import median ms', value: (r) => r.importMedianMs },
      { header: 'runs', value: (r) => r.importRunsMs.length },
    ],
    results.coldStart,
  );
  const c = results.coreScale;
  const core = formatTable(
    `4. Core scale: evaluate + plan + guard (median of ${c.runs} runs, bundled code, fresh process)`,
    [
      { header: 'clients', value: () => c.clients },
      { header: 'median ms', value: () => c.medianMs },
      { header: 'planned', value: () => c.planned },
      { header: 'peak RSS MB', value: () => c.peakRssMB },
      { header: 'base RSS MB', value: () => c.baseRssMB },
      { header: 'input RSS MB', value: () => c.inputRssMB ?? '-' },
      { header: 'input heap MB', value: () => c.inputHeapMB },
      { header: 'peak heap MB', value: () => c.peakHeapUsedMB },
    ],
    [c],
  );
  const hostile = c.hostileNames
    ? formatTable(
        '   Hostile names: exempt.names ["^(a+)+$"] against names of 5,000 a\'s and a "!" (RE2, linear time)',
        [
          { header: 'clients', value: (h) => h.clients },
          { header: 'name length', value: (h) => h.nameLength + 1 },
          { header: 'evaluate ms', value: (h) => h.ms },
        ],
        [c.hostileNames],
      )
    : undefined;
  const m = results.cliMemory;
  const memory = m
    ? formatTable(
        `6. Memory: a ${m.clients.toLocaleString('en-US')}-client tenant through the CLI (plan, bundled code, fresh process, the functions' NODE_OPTIONS)`,
        [
          { header: 'clients', value: () => m.clients },
          { header: 'peak RSS MB', value: () => m.peakRssMB },
          { header: 'Lambda memory MB', value: () => m.lambdaMemoryMb },
          { header: 'response cap MB', value: () => m.maxResponseMb },
          { header: 'wall s', value: () => m.wallS },
          { header: 'exit', value: () => m.exitCode },
        ],
        [m],
      )
    : undefined;
  const goals = formatTable(
    'Targets',
    [
      { header: 'target', value: (t) => t.target },
      { header: 'measured', value: (t) => t.measured },
      { header: 'result', value: (t) => (t.pass ? 'PASS' : 'FAIL') },
    ],
    targets,
  );
  return [
    { title: 'rate', table: rate },
    { title: 'baseline', table: baseline },
    { title: 'cold', table: cold },
    { title: 'core', table: hostile ? `${core}\n\n${hostile}` : core },
    ...(memory ? [{ title: 'memory', table: memory }] : []),
    { title: 'targets', table: goals },
  ];
}
