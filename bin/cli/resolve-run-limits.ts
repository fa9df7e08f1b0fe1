import { ConfigError } from '../../lambdas/core/config-error.js';
import { MAX_REQUEST_TIMEOUT_S, secondsAsMs } from '../../lambdas/adapters/isc/isc-client-config.js';
import type { CliFlags } from './parse-cli-args.js';

/** A week: a longer limit is a typo, not a plan. */
const MAX_RUN_TIME_S = 7 * 24 * 3600;

export interface RunLimits {
  /** Per ISC request (headers and body); undefined = the client's default (30 s). */
  readonly requestTimeoutMs?: number;
  /** For the whole run; undefined = no limit. */
  readonly maxRunTimeMs?: number;
}

/**
 * `--request-timeout` (beats ISC_REQUEST_TIMEOUT_S) and `--max-run-time`, in seconds, checked
 * before anything runs; a bad value is exit 2 naming the flag or variable.
 */
export function resolveRunLimits(flags: CliFlags, env: Readonly<Record<string, string | undefined>>): RunLimits {
  const timeout = flags.requestTimeout !== undefined
    ? secondsOf(flags.requestTimeout, '--request-timeout', MAX_REQUEST_TIMEOUT_S)
    : env.ISC_REQUEST_TIMEOUT_S?.trim()
      ? secondsOf(env.ISC_REQUEST_TIMEOUT_S, 'ISC_REQUEST_TIMEOUT_S', MAX_REQUEST_TIMEOUT_S)
      : undefined;
  const runTime = flags.maxRunTime === undefined ? undefined : secondsOf(flags.maxRunTime, '--max-run-time', MAX_RUN_TIME_S);
  return { ...(timeout === undefined ? {} : { requestTimeoutMs: timeout }), ...(runTime === undefined ? {} : { maxRunTimeMs: runTime }) };
}

function secondsOf(value: string, source: string, max: number): number {
  const parsed = secondsAsMs(max).safeParse(value);
  if (!parsed.success) throw new ConfigError(`Invalid ${source}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`, [source]);
  return parsed.data;
}
