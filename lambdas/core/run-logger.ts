/**
 * The logging port. Powertools' Logger satisfies it in the Lambda; the CLI passes a stderr
 * logger; tests pass a recorder. Callers put ids and outcomes in `extra`, never secrets.
 */
export interface RunLogger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export const silentLogger: RunLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
