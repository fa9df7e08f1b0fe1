import { Logger } from '@aws-lambda-powertools/logger';
import type { RunLogger } from '../core/run-logger.js';
import { LOG_LINE_BUDGET } from '../adapters/report/report-log-lines.js';
import { safeText, truncate } from '../core/text.js';

/**
 * The function's Powertools Logger. Every string of every log line (message, fields, appended
 * keys, error texts) passes safeText on its way into the JSON: JSON escapes C0 controls but not
 * C1 ones (U+009B starts a terminal sequence) nor bidi or zero-width characters, and log lines
 * end up in terminals (`aws logs tail`) and consoles.
 */
export function createJanitorLogger(options: ConstructorParameters<typeof Logger>[0] = {}): Logger {
  return new Logger({ serviceName: 'isc-oauth-janitor', ...options, jsonReplacerFn: safeLogValue });
}

function safeLogValue(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? safeText(value) : value;
}

/**
 * Powertools' Logger behind the core's RunLogger port: one structured JSON line per call, never
 * over CloudWatch's 256 KB per event (which would cut the line): callers that log a whole report
 * split it themselves (reportLogLines); anything else that grew too big is summarized (see fitLine).
 */
export function powertoolsRunLogger(logger: Logger): RunLogger & { appendKeys(keys: Record<string, unknown>): void } {
  return {
    debug: (message, extra) => logger.debug(...fitLine(message, extra)),
    info: (message, extra) => logger.info(...fitLine(message, extra)),
    warn: (message, extra) => logger.warn(...fitLine(message, extra)),
    error: (message, extra) => logger.error(...fitLine(message, extra)),
    appendKeys: (keys) => logger.appendKeys(keys),
  };
}

/**
 * The line as given when it fits; otherwise the message cut short and, instead of the fields,
 * their short scalar values (ids, outcomes, counts) with the size and the names of the rest.
 */
export function fitLine(message: string, extra: Record<string, unknown> = {}, maxBytes = LOG_LINE_BUDGET): [string, Record<string, unknown>] {
  let size: number;
  try {
    size = Buffer.byteLength(message) + Buffer.byteLength(JSON.stringify(extra) ?? '');
  } catch {
    return [message, extra]; // circular: Powertools drops the cycle itself, and it was built by us, small
  }
  if (size <= maxBytes) return [message, extra];
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(extra)) {
    const short = typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 1_000);
    if (short && Object.keys(kept).length < 50) kept[key] = value;
    else dropped.push(key);
  }
  return [truncate(message, 1_000), { ...kept, oversized: { bytes: size, dropped: dropped.slice(0, 50) } }];
}
