import type { z } from 'zod';

/** How a value of each zod type is called in an error: what is allowed. */
const KIND: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number (integer)',
  boolean: 'a boolean, true or false',
  array: 'an array [...]',
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
      if (received === 'number' && issue.expected === 'int') return 'not a whole number, allowed: a whole number (integer)';
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
      if (issue.origin === 'array' || issue.origin === 'set') return min === 1 ? 'empty, allowed: an array of at least 1 item' : `too few items, allowed: at least ${min}`;
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

/** Wrappers whose inner schema holds the object's keys. */
const INNER = new Set(['optional', 'default', 'prefault', 'nullable', 'nonoptional', 'readonly', 'catch']);

/**
 * The keys an object in `schema` at `path` knows (for a did-you-mean on an unknown field), or
 * undefined where the path leads to no plain object schema. Looks through optional, default and
 * preprocess/transform pipes, arrays and records.
 */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): readonly string[] | undefined {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = (s: z.core.$ZodType | undefined): z.core.$ZodType | undefined => {
    let node = s;
    for (let depth = 0; node && depth < 20; depth += 1) {
      const def = node._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; out?: z.core.$ZodType };
      if (INNER.has(def.type)) node = def.innerType;
      else if (def.type === 'pipe') node = (def.out && unwrap(def.out)?._zod.def.type === 'object' ? def.out : def.in);
      else return node;
    }
    return undefined;
  };
  for (const key of path) {
    const node = unwrap(current);
    if (!node) return undefined;
    const def = node._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType; valueType?: z.core.$ZodType };
    if (def.type === 'object' && typeof key === 'string') current = def.shape?.[key];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return undefined;
  }
  const node = unwrap(current);
  const def = node?._zod.def as unknown as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
}
