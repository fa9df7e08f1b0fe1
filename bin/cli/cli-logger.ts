import type { RunLogger } from '../../lambdas/core/run-logger.js';

/**
 * Progress for a person at a terminal: one short line per step and action on stderr, only when
 * stderr is a TTY (piped or CI output stays clean). Never prints `extra` wholesale: only ids,
 * outcomes and tracking ids, which the orchestrator puts there and which hold no secret.
 */
export function cliLogger(stderr: { write(text: string): unknown; readonly isTTY?: boolean }): RunLogger {
  if (!stderr.isTTY) return { debug: () => undefined, info: () => undefined, warn: (m, e) => line('warning', m, e), error: () => undefined };
  function line(level: string, message: string, extra?: Record<string, unknown>) {
    const fields = ['tenant', 'clientId', 'action', 'outcome', 'detail', 'trackingId', 'planned', 'guard', 'reason', 'error']
      .filter((key) => extra?.[key] !== undefined)
      .map((key) => `${key}=${String(extra?.[key])}`);
    stderr.write(`[${level}] ${message}${fields.length ? ` ${fields.join(' ')}` : ''}\n`);
  }
  return {
    debug: () => undefined,
    info: (message, extra) => line('info', message, extra),
    warn: (message, extra) => line('warning', message, extra),
    error: (message, extra) => line('error', message, extra),
  };
}
