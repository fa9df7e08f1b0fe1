import type { z } from 'zod';
import { ConfigError, configErrorFromZod } from '../../core/config-error.js';

/**
 * Parse and validate a secret's JSON text. Errors name the source (secret id, file) and the
 * fields, never the text: V8's own JSON.parse message quotes the input, so it is dropped here.
 */
export function parseSecretJson<S extends z.ZodType>(
  text: string | undefined,
  schema: S,
  source: string,
  expected: string,
): z.output<S> {
  if (text === undefined) {
    throw new ConfigError(
      `Invalid ${source}: it has no SecretString (binary secrets are not supported); store JSON text ${expected}`,
      ['SecretString'],
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`Invalid ${source}: the value is not valid JSON; store ${expected}`, ['(root)']);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw configErrorFromZod(source, result.error);
  return result.data;
}

/** zod messages that never quote the input: "is missing" or what was expected. */
export function requiredString(what: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is missing' : `must be ${what}`) };
}
