import type { RunLogger } from '../../lambdas/core/run-logger.js';

/** A RunLogger that keeps every line as the JSON a real logger would write. */
export function recordingLogger(): RunLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, extra?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...extra }));
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
