import { Logger } from '@aws-lambda-powertools/logger';
import type { RunLogger } from '../core/run-logger.js';
import { safeText } from '../core/text.js';

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

/** Powertools' Logger behind the core's RunLogger port: one structured JSON line per call. */
export function powertoolsRunLogger(logger: Logger): RunLogger & { appendKeys(keys: Record<string, unknown>): void } {
  return {
    debug: (message, extra) => logger.debug(message, extra ?? {}),
    info: (message, extra) => logger.info(message, extra ?? {}),
    warn: (message, extra) => logger.warn(message, extra ?? {}),
    error: (message, extra) => logger.error(message, extra ?? {}),
    appendKeys: (keys) => logger.appendKeys(keys),
  };
}
