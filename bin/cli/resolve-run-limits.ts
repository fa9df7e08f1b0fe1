import { ConfigError } from '../../lambdas/core/config-error.js';
import { MAX_REQUEST_TIMEOUT_S, megabytesAsBytes, secondsAsMs } from '../../lambdas/adapters/isc/isc-client-config.js';
import type { CliFlags } from './parse-cli-args.js';

/** A week: a longer limit is a typo, not a plan. */
const MAX_RUN_TIME_S = 7 * 24 * 3600;

export interface RunLimits {
  /** Per ISC request (headers and body); undefined = the client's default (30 s). */
  readonly requestTimeoutMs?: number;
  /** For the whole run; undefined = no limit. */
  readonly maxRunTimeMs?: number;
  /** The cap on one ISC response body, in bytes; undefined = the client's default (64 MB). */
  readonly maxResponseBytes?: number;
}

/**
 * `--request-timeout` (beats ISC_REQUEST_TIMEOUT_S) and `--max-run-time`, in seconds, and
 * `--max-response-mb` (beats ISC_MAX_RESPONSE_MB), checked before anything runs; a bad value is
 * exit 2 naming the flag or variable.
 */
export function resolveRunLimits(flags: CliFlags, env: Readonly<Record<string, string | undefined>>): RunLimits {
  const timeout = flags.requestTimeout !== undefined
    ? secondsOf(flags.requestTimeout, '--request-timeout', MAX_REQUEST_TIMEOUT_S)
    : env.ISC_REQUEST_TIMEOUT_S?.trim()
      ? secondsOf(env.ISC_REQUEST_TIMEOUT_S, 'ISC_REQUEST_TIMEOUT_S', MAX_REQUEST_TIMEOUT_S)
      : undefined;
  const runTime = flags.maxRunTime === undefined ? undefined : secondsOf(flags.maxRunTime, '--max-run-time', MAX_RUN_TIME_S);
  const maxResponse = flags.maxResponseMb !== undefined
    ? megabytesOf(flags.maxResponseMb, '--max-response-mb')
    : env.ISC_MAX_RESPONSE_MB?.trim()
      ? megabytesOf(env.ISC_MAX_RESPONSE_MB, 'ISC_MAX_RESPONSE_MB')
      : undefined;
  return {
    ...(timeout === undefined ? {} : { requestTimeoutMs: timeout }),
    ...(runTime === undefined ? {} : { maxRunTimeMs: runTime }),
    ...(maxResponse === undefined ? {} : { maxResponseBytes: maxResponse }),
  };
}

function megabytesOf(value: string, source: string): number {
  const parsed = megabytesAsBytes().safeParse(value);
  if (!parsed.success) throw new ConfigError(`Invalid ${source}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`, [source]);
  return parsed.data;
}

function secondsOf(value: string, source: string, max: number): number {
  const parsed = secondsAsMs(max).safeParse(value);
  if (!parsed.success) throw new ConfigError(`Invalid ${source}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`, [source]);
  return parsed.data;
}
