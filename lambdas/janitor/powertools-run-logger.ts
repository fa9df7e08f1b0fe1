import type { Logger } from '@aws-lambda-powertools/logger';
import type { RunLogger } from '../core/run-logger.js';

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
