import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { FLEET_STATES, fleetDefinition, PERMANENT_ERRORS, THROTTLED_ERROR, substituteFleetArns } from '../../lib/fleet-definition.js';

const ARNS = { fleet: 'arn:aws:lambda:eu-west-1:123456789012:function:Fleet', janitor: 'arn:aws:lambda:eu-west-1:123456789012:function:Janitor' };
const definition = substituteFleetArns(fleetDefinition({ maxConcurrency: 10, janitorTimeoutSeconds: 300 }), ARNS);

interface TaskState {
  Retry: { ErrorEquals: string[]; MaxAttempts: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  TimeoutSeconds: number;
}
const states = definition.States as Record<string, { ItemProcessor: { States: Record<string, TaskState> }; MaxConcurrency: number }>;
const runTenant = states[FLEET_STATES.map]!.ItemProcessor.States[FLEET_STATES.run]!;

describe('fleetDefinition', () => {
  it('is valid Amazon States Language (asl-validator, paths and ARNs checked)', () => {
    const result = aslValidator(definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('is refused by the validator when broken (the check really runs)', () => {
    const broken = structuredClone(definition) as { States: Record<string, { Next?: string }> };
    broken.States[FLEET_STATES.pick]!.Next = 'Nowhere';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it('maps over the due tenants with bounded concurrency, the janitor given a minute past its own timeout', () => {
    expect(states[FLEET_STATES.map]!.MaxConcurrency).toBe(10);
    expect(runTenant.TimeoutSeconds).toBe(360);
  });

  it('never retries what a retry cannot cure, retries the rest twice, defers a throttled tenant and catches every other error as that tenant\'s result', () => {
    expect(runTenant.Retry).toEqual([
      { ErrorEquals: [...PERMANENT_ERRORS], MaxAttempts: 0 },
      expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 2, JitterStrategy: 'FULL' }),
    ]);
    expect(runTenant.Catch).toEqual([
      { ErrorEquals: [THROTTLED_ERROR], ResultPath: '$.error', Next: FLEET_STATES.deferred },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: FLEET_STATES.failed },
    ]);
  });

  it('leaves no placeholder once the ARNs are substituted', () => {
    expect(JSON.stringify(definition)).not.toContain('${');
  });
});
