import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { configErrorFromZod } from '../../lambdas/core/config-error.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { knownKeysAt } from '../../lambdas/core/zod-issue-text.js';
import { parseJanitorEvent } from '../../lambdas/janitor/janitor-event.js';
import { configErrorOf } from '../support/config-error-of.js';

const request = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['A', 'B']),
  count: z.number().int().positive(),
  enabled: z.boolean(),
  tags: z.array(z.string()).min(1),
  inner: z.strictObject({ depth: z.number() }).optional().default({ depth: 1 }),
  text: z.preprocess((v) => v, z.strictObject({ words: z.string() })).optional(),
});
const errorFor = (input: unknown) => {
  const result = request.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return configErrorFromZod('request', result.error, { input, schema: request });
};

describe('configErrorFromZod: "field: what is wrong, what is allowed"', () => {
  it('rewrites zod\'s own messages', () => {
    expect(errorFor({ name: '', kind: 'C', count: 1.5, enabled: 'yes', tags: [] }).message).toBe(
      'Invalid request: name: empty, allowed: a non-empty string; kind: not an allowed value, allowed: one of "A", "B"; ' +
        'count: not a whole number, allowed: a whole number (integer); enabled: a string is not allowed here, allowed: a boolean, true or false; tags: empty, allowed: an array of at least 1 item',
    );
  });

  it('tells a missing field from a wrong one, without showing the value', () => {
    const message = errorFor({ name: 'x', count: -1, enabled: true, tags: ['t'] }).message;
    expect(message).toBe('Invalid request: kind: missing, allowed: one of "A", "B"; count: too small, allowed: more than 0');
  });

  it('suggests the known field an unknown one probably meant, at any depth', () => {
    const message = errorFor({ name: 'x', kind: 'A', count: 1, enabled: true, tags: ['t'], tag: 1, inner: { dpeth: 2 }, text: { word: 'w' } }).message;
    expect(message).toContain('tag: unknown field; remove it or check its spelling. Did you mean tags?');
    expect(message).toContain('inner.dpeth: unknown field; remove it or check its spelling. Did you mean depth?');
    expect(message).toContain('text.word: unknown field; remove it or check its spelling. Did you mean words?');
  });

  it('keeps messages the schema wrote itself', () => {
    const schema = z.strictObject({ n: z.number({ error: 'must be a number of seconds' }) });
    const result = schema.safeParse({ n: 'x' });
    expect(configErrorFromZod('s', result.error!).message).toBe('Invalid s: n: must be a number of seconds');
  });

  it('finds the keys through optional, default and pipes, or says it cannot', () => {
    expect(knownKeysAt(request, ['inner'])).toEqual(['depth']);
    expect(knownKeysAt(request, ['text'])).toEqual(['words']);
    expect(knownKeysAt(request, ['name'])).toBeUndefined();
  });
});

describe('did-you-mean where operators write JSON', () => {
  it('in a policy', () => {
    expect(configErrorOf(() => parsePolicy({ mode: 'enforce', disableAfterDay: 90 })).message).toContain('disableAfterDay: unknown field; remove it or check its spelling. Did you mean disableAfterDays?');
    expect(configErrorOf(() => parsePolicy({ limits: { maxAction: 3 } })).message).toContain('Did you mean maxActions?');
  });

  it('in a Lambda event', () => {
    expect(configErrorOf(() => parseJanitorEvent({ dryrun: true })).message).toContain('dryrun: unknown field; remove it or check its spelling. Did you mean dryRun?');
  });
});
