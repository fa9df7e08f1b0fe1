import type { BaselineRow } from './baseline-bench.js';
import type { CliMemoryFigures } from './cli-memory-bench.js';
import type { ColdStartFigures } from './cold-start-bench.js';
import type { CoreScaleFigures } from './core-scale-worker.js';
import type { MachineInfo } from './machine-info.js';
import type { RateLimitFigures } from './rate-limit-bench.js';

/** Everything one `npm run bench` measured: what --json writes and docs/performance.md renders. */
export interface BenchResults {
  readonly measuredAt: string;
  readonly machine: MachineInfo;
  readonly quick: boolean;
  readonly scenario: { readonly clients: number; readonly limit: { readonly requests: number; readonly windowMs: number }; readonly latenciesMs: readonly number[] };
  readonly rateLimit: readonly RateLimitFigures[];
  readonly baseline: readonly BaselineRow[];
  readonly coldStart: readonly ColdStartFigures[];
  readonly coreScale: CoreScaleFigures;
  /** A whole tenant run through the CLI (absent in figures recorded before it was measured). */
  readonly cliMemory?: CliMemoryFigures;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}
