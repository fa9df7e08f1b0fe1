import type { z } from 'zod';
import { valueAt, zodIssueText } from './zod-issue-text.js';

/**
 * Bad input (policy, event, environment, credentials secret, CDK context). Its message names
 * the source and every offending field with what to do about it; it never echoes values, so a
 * secret pasted into the wrong field cannot leak through an error.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** Dotted field paths that were wrong, e.g. `limits.maxFraction`. */
    readonly fields: readonly string[] = [],
  ) {
    super(message);
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/** `a.b[0].c` for a zod issue path; `(root)` for the top level. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Turn a zod error into a ConfigError: `Invalid policy: limits.maxFraction: must be between 0 and 1`,
 * each field with what is wrong and what is allowed (zodIssueText; `input`, when given, tells a
 * missing field from a wrong one). Unknown keys are named individually (`unknown field "foo": remove it or check its spelling`).
 */
export function configErrorFromZod(source: string, error: z.ZodError, input?: unknown): ConfigError {
  const fields: string[] = [];
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = formatFieldPath([...issue.path, key]);
        fields.push(field);
        lines.push(`${field}: unknown field; remove it or check its spelling`);
      }
      continue;
    }
    const field = formatFieldPath(issue.path);
    fields.push(field);
    lines.push(`${field}: ${zodIssueText(issue, input === undefined ? undefined : valueAt(input, issue.path))}`);
  }
  return new ConfigError(`Invalid ${source}: ${lines.join('; ')}`, fields);
}
