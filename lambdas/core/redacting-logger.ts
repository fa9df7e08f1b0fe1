import { knownSecrets, type SecretRegistry } from './known-secrets.js';
import type { RunLogger } from './run-logger.js';

/**
 * The logging boundary: every message and every `extra` passes through the secret registry
 * before the real logger sees it, so a secret echoed into an error or a field never reaches a
 * log line. Extra methods of the wrapped logger (Powertools' `appendKeys`) are kept, redacted too.
 */
export function redactingLogger<L extends RunLogger & { appendKeys?(keys: Record<string, unknown>): void }>(
  logger: L,
  secrets: SecretRegistry = knownSecrets,
): RunLogger & Pick<L, 'appendKeys'> {
  const wrap =
    (level: keyof RunLogger) =>
    (message: string, extra?: Record<string, unknown>): void => {
      if (extra === undefined) logger[level](secrets.redact(message));
      else logger[level](secrets.redact(message), secrets.redactDeep(extra));
    };
  const appendKeys = logger.appendKeys;
  return {
    debug: wrap('debug'),
    info: wrap('info'),
    warn: wrap('warn'),
    error: wrap('error'),
    ...(appendKeys ? { appendKeys: (keys: Record<string, unknown>) => appendKeys.call(logger, secrets.redactDeep(keys)) } : {}),
  } as RunLogger & Pick<L, 'appendKeys'>;
}
