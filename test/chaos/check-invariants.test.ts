import { describe, expect, it } from 'vitest';
import type { PlannedAction } from '../../lambdas/core/plan/evaluate-tenant.js';
import type { ReportAction, RunReport } from '../../lambdas/core/report/run-report.js';
import { seedTenant } from '../../sandbox/seed-tenant.js';
import type { SandboxOAuthClient } from '../../sandbox/sandbox-wire-types.js';
import type { RequestLogEntry } from '../../sandbox/start-sandbox.js';
import { checkInvariants, type RunEvidence } from './check-invariants.js';
import { checkHostileOutputs } from './check-hostile-outputs.js';
import { findSecretLeaks } from './find-secret-leaks.js';

/** The checker must catch what it claims to: each test breaks exactly one invariant. */
const NOW = new Date('2026-03-01T12:00:00.000Z');
const [a, b, c] = seedTenant({ count: 20, seed: 3, now: NOW }) as [SandboxOAuthClient, SandboxOAuthClient, SandboxOAuthClient];
const enabledA = { ...a, enabled: true };
const disabledB = { ...b, enabled: false };
const plan: PlannedAction[] = [
  { credential: 'oauth-client', kind: 'disable', clientId: a.id, name: 'a', reason: 'r' },
  { credential: 'oauth-client', kind: 'delete', clientId: b.id, name: 'b', reason: 'r' },
];

function action(clientId: string, kind: ReportAction['action'], outcome: ReportAction['outcome']): ReportAction {
  return { credential: 'oauth-client', clientId, name: 'n', action: kind, reason: 'r', outcome };
}

function report(actions: ReportAction[], outcome: RunReport['outcome'] = 'ok'): RunReport {
  const failed = actions.filter((x) => x.outcome === 'failed').length;
  return { outcome, actions, counts: { failed } } as unknown as RunReport;
}

function request(method: string, id: string): RequestLogEntry {
  return { method, path: `/v3/oauth-clients/${id}`, query: '', status: 200, route: 'patch', at: 0 };
}

function evidence(overrides: Partial<RunEvidence>): RunEvidence {
  return {
    mode: 'enforce',
    expected: plan,
    expectedAllowed: true,
    initial: [enabledA, disabledB, c],
    final: [{ ...enabledA, enabled: false }, c],
    mutating: [request('PATCH', a.id), request('DELETE', b.id)],
    report: report([action(a.id, 'disable', 'done'), action(b.id, 'delete', 'done')]),
    error: undefined,
    ...overrides,
  };
}

describe('checkInvariants', () => {
  it('accepts a run that did exactly the plan and said so', () => {
    expect(checkInvariants(evidence({}))).toEqual([]);
  });

  it('flags a change the fault-free plan does not contain (1)', () => {
    const final = [{ ...enabledA, enabled: false }];
    expect(checkInvariants(evidence({ final, mutating: [...evidence({}).mutating, request('DELETE', c.id)] })).join()).toMatch(/inv1/);
  });

  it('flags a done action the sandbox does not show (2)', () => {
    expect(checkInvariants(evidence({ final: [{ ...enabledA, enabled: false }, disabledB, c] })).join()).toMatch(/inv2: delete .* reported done/);
  });

  it('flags a not-attempted action that changed the client (2)', () => {
    const r = report([action(a.id, 'disable', 'not-attempted'), action(b.id, 'delete', 'done')]);
    expect(checkInvariants(evidence({ report: r })).join()).toMatch(/reported not-attempted/);
  });

  it('flags any mutating request in report mode (3)', () => {
    expect(checkInvariants(evidence({ mode: 'report' })).join()).toMatch(/inv3/);
  });

  it('flags a failed action under an ok outcome (5)', () => {
    const r = report([action(a.id, 'disable', 'done'), action(b.id, 'delete', 'failed')], 'ok');
    expect(checkInvariants(evidence({ report: r, final: [{ ...enabledA, enabled: false }, disabledB, c] })).join()).toMatch(/inv5/);
  });
});

describe('findSecretLeaks', () => {
  it('finds a known secret and anything shaped like an access token', () => {
    expect(findSecretLeaks(['id 2c9180835d2e5168015d32f890ca1581 ok'], ['s3cr3t'])).toEqual([]);
    expect(findSecretLeaks(['x s3cr3t y'], ['s3cr3t'])).toHaveLength(1);
    expect(findSecretLeaks([`Bearer ${'A'.repeat(64)}`], [])).toHaveLength(1);
  });
});

describe('checkHostileOutputs', () => {
  const entry = (path: string) => ({ method: 'PATCH', path, query: '', status: 200, route: 'patch' as const, at: 0 });

  it('flags a followed redirect (6) and a known secret in any output (4), and nothing in clean runs', () => {
    expect(checkHostileOutputs([entry('/v3/oauth-clients/a')], ['report ok'], ['pat-secret-1234'])).toEqual([]);
    expect(checkHostileOutputs([entry('/redirected/v3/oauth-clients/a')], [], []).join()).toMatch(/inv6: a redirect was followed/);
    expect(checkHostileOutputs([], ['echo pat-secret-1234'], ['pat-secret-1234']).join()).toMatch(/inv4/);
  });
});
