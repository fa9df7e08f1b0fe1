import { describe, expect, it } from 'vitest';
import { configErrorOf } from '../support/config-error-of.js';
import { parseJanitorEvent } from '../../lambdas/janitor/janitor-event.js';
import { CLASSIC_SCHEDULED_EVENT, SCHEDULER_INPUT } from './sample-events.js';

const eventErrorOf = (raw: unknown) => configErrorOf(() => parseJanitorEvent(raw));

describe('parseJanitorEvent', () => {
  it('reads an empty event, null and a classic scheduled event as the configured run', () => {
    expect(parseJanitorEvent({})).toEqual({ kind: 'cleanup' });
    expect(parseJanitorEvent(null)).toEqual({ kind: 'cleanup' });
    expect(parseJanitorEvent(undefined)).toEqual({ kind: 'cleanup' });
    expect(parseJanitorEvent(CLASSIC_SCHEDULED_EVENT)).toEqual({ kind: 'cleanup' });
  });

  it('keeps the scheduler input', () => {
    expect(parseJanitorEvent(SCHEDULER_INPUT)).toEqual({ kind: 'cleanup', ...SCHEDULER_INPUT });
  });

  it('keeps every field of an on-demand event', () => {
    const event = { tenant: 'acme-prod', credentialsSecretId: 'other/secret', dryRun: true, policy: { mode: 'enforce' }, clientIds: ['a', 'b'] };
    expect(parseJanitorEvent(event)).toEqual({ kind: 'cleanup', ...event });
  });

  it.each([
    [{ dryrun: true }, 'dryrun', 'unknown field'],
    [{ dryRun: 'yes' }, 'dryRun', 'true or false'],
    [{ clientIds: 'abc' }, 'clientIds', 'a string is not allowed here, allowed: an array'],
    [{ clientIds: [] }, 'clientIds', ''],
    [{ tenant: 42 }, 'tenant', ''],
    [{ tenant: 'acme prod\n' }, 'tenant', ''],
    [{ policy: 'enforce' }, 'policy', 'partial policy'],
    [{ policy: { mode: 'enforce' }, extra: 1 }, 'extra', 'unknown field'],
    [[], '(root)', 'object'],
  ])('refuses %j, naming the field %s', (raw, field, words) => {
    const error = eventErrorOf(raw);
    expect(error.fields).toContain(field);
    expect(error.message).toContain(`${field}:`);
    expect(error.message).toContain(words);
  });

  it.each([
    ['{"__proto__":{"dryRun":true}}', '__proto__'],
    ['{"policy":{"__proto__":{"mode":"enforce"}}}', 'policy.__proto__'],
    ['{"policy":{"limits":{"constructor":{"maxFraction":1}}}}', 'policy.limits.constructor'],
    ['{"clientIds":[{"prototype":1}]}', 'clientIds[0].prototype'],
  ])('refuses a prototype key anywhere in %s, naming %s', (text, field) => {
    const error = eventErrorOf(JSON.parse(text));
    expect(error.fields).toEqual([field]);
    expect(error.message).toMatch(/^Invalid event: .* is not allowed; remove it$/);
    expect(({} as Record<string, unknown>).mode).toBeUndefined();
  });

  it('never echoes a value in its error (a secret pasted into the wrong field stays out)', () => {
    const error = eventErrorOf({ tenant: 'hunter2-secret value!', credentialsSecretId: 7 });
    expect(error.message).not.toContain('hunter2');
    expect(error.fields).toEqual(expect.arrayContaining(['tenant', 'credentialsSecretId']));
  });
});
