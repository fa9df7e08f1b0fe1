import type { z } from 'zod';

/** How a value of each zod type is called in an error: what is allowed. */
const KIND: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [...]',
  object: 'an object {...}',
  null: 'null',
  undefined: 'nothing',
  bigint: 'a whole number',
};

const kind = (name: string): string => KIND[name] ?? name;

/**
 * One issue as "what is wrong, allowed: what is allowed", for zod's own messages ("Invalid input:
 * expected string, received undefined", "Invalid option: expected one of ..."), which speak of
 * types rather than fields. Messages the schemas wrote themselves are kept as they are. `value` is
 * the input at the issue's path, when the caller has it: only its kind is named, never the value.
 */
export function zodIssueText(issue: z.core.$ZodIssue, value?: { readonly present: boolean; readonly value: unknown }): string {
  const { message } = issue;
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(message)?.[1];
      if (!message.startsWith('Invalid input:') || received === undefined) return message;
      if (received === 'undefined') return `missing, required: ${kind(issue.expected)}`;
      if (received === 'number' && issue.expected === 'int') return 'not a whole number, allowed: a whole number';
      return `${kind(received)} is not allowed here, allowed: ${kind(issue.expected)}`;
    }
    case 'invalid_value': {
      if (!/^Invalid (option|input):/.test(message)) return message;
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const wrong = value === undefined ? 'missing or not allowed' : value.present ? 'not an allowed value' : 'missing';
      return `${wrong}, allowed: ${issue.values.length === 1 ? allowed : `one of ${allowed}`}`;
    }
    case 'too_small': {
      if (!message.startsWith('Too small:')) return message;
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return min === 1 ? 'empty, allowed: a list of at least 1 item' : `too few items, allowed: at least ${min}`;
      if (issue.origin === 'string') return min === 1 ? 'empty, allowed: a non-empty string' : `too short, allowed: at least ${min} characters`;
      return `too small, allowed: ${issue.inclusive ? 'at least' : 'more than'} ${min}`;
    }
    case 'too_big': {
      if (!message.startsWith('Too big:')) return message;
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return `too many items, allowed: at most ${max}`;
      if (issue.origin === 'string') return `too long, allowed: at most ${max} characters`;
      return `too big, allowed: ${issue.inclusive ? 'at most' : 'less than'} ${max}`;
    }
    default:
      return message;
  }
}

/** The input at `path`, and whether anything is there (for zodIssueText). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return { present: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { present: current !== undefined, value: current };
}
