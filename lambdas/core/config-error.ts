import type { z } from 'zod';
import { didYouMean } from './closest-match.js';
import { knownKeysAt, valueAt, zodIssueText } from './zod-issue-text.js';

/** What configErrorFromZod may know beyond the error, to say more. */
export interface ZodErrorContext {
  /** The input parsed: tells a missing field from a wrong one (its value is never shown). */
  readonly input?: unknown;
  /** The schema parsed against: an unknown field gets a did-you-mean among the keys it knows. */
  readonly schema?: z.core.$ZodType;
  /** Put before every field, e.g. `basePolicy` for a policy inside the CDK context. */
  readonly fieldPrefix?: readonly PropertyKey[];
}

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
 * missing field from a wrong one). Unknown keys are named individually, with the known key they
 * probably meant when the schema is given (`disableAfterDay: unknown field; remove it or check its spelling. Did you mean disableAfterDays?`).
 */
export function configErrorFromZod(source: string, error: z.ZodError, context: ZodErrorContext = {}): ConfigError {
  const { input, schema, fieldPrefix = [] } = context;
  const fields: string[] = [];
  const lines: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = schema ? knownKeysAt(schema, issue.path) : undefined;
      for (const key of issue.keys) {
        const field = formatFieldPath([...fieldPrefix, ...issue.path, key]);
        fields.push(field);
        lines.push(`${field}: unknown field; remove it or check its spelling.${known ? didYouMean(key, known) : ''}`);
      }
      continue;
    }
    const field = formatFieldPath([...fieldPrefix, ...issue.path]);
    fields.push(field);
    lines.push(`${field}: ${zodIssueText(issue, input === undefined ? undefined : valueAt(input, issue.path))}`);
  }
  return new ConfigError(`Invalid ${source}: ${lines.join('; ')}`, fields);
}
