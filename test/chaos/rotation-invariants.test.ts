import { describe, expect, it } from 'vitest';
import type { ManagedClientSecret } from '../../lambdas/core/ports.js';
import type { ReportAction, RunReport } from '../../lambdas/core/report/run-report.js';
import type { RequestLogEntry } from '../../sandbox/start-sandbox.js';
import { makeClient } from '../core/make-client.js';
import { checkRotationInvariants, type RotationEvidence } from './rotation-invariants.js';
import type { ManagedName } from './rotation-managed-name.js';

/** The rotation checker must catch what it claims to: each case breaks one invariant. */
const NOW = new Date('2026-03-01T12:00:00.000Z');
const NAME = 'rot-1-deploy';
const SECRET_NAME = `isc-oauth-janitor/clients/chaos/${NAME}`;
const current = makeClient({ id: 'c0000000000000000000000000000001', name: NAME });
const successor = { ...current, id: 'c0000000000000000000000000000002', created: NOW.toISOString() };
const secrets: Record<string, string> = { [current.id]: 'current-secret', [successor.id]: 'successor-secret' };
const managed: ManagedName = { name: NAME, kind: 'first', clients: [current], secrets, stored: undefined, consumers: [], expect: { rotate: current.id } };
const stored: ManagedClientSecret = { clientId: successor.id, clientSecret: 'successor-secret', baseUrl: 'http://127.0.0.1:1', rotatedAt: NOW.toISOString(), previousClientId: current.id };
const post: RequestLogEntry = { method: 'POST', path: '/v3/oauth-clients', query: '', status: 200, route: 'create', at: 0 };

function rotate(outcome: ReportAction['outcome'], message?: string): ReportAction {
  return { credential: 'oauth-client', clientId: current.id, name: NAME, action: 'rotate', reason: 'r', outcome, successorId: successor.id, ...(message ? { error: { message } } : {}) };
}

function evidence(overrides: Partial<RotationEvidence>, action: ReportAction = rotate('done')): RotationEvidence {
  const failed = action.outcome === 'failed' ? 1 : 0;
  return {
    mode: 'enforce',
    managed: [managed],
    secretNameOf: () => SECRET_NAME,
    expected: [{ credential: 'oauth-client', kind: 'rotate', clientId: current.id, name: NAME, reason: 'r', secretName: SECRET_NAME, rotationStep: 'rotate' }],
    expectedAllowed: true,
    initial: [current],
    final: [current, successor],
    secretOf: (id) => secrets[id],
    before: new Map([[NAME, undefined]]),
    after: new Map([[NAME, stored]]),
    mutating: [post],
    createNames: [NAME],
    writes: 1,
    now: NOW,
    baseUrl: 'http://127.0.0.1:1',
    report: { outcome: failed ? 'failed' : 'ok', mode: 'enforce', actions: [action], counts: { failed }, warnings: [] } as unknown as RunReport,
    error: undefined,
    ...overrides,
  };
}

const check = (e: RotationEvidence) => checkRotationInvariants(e).violations.join('\n');

describe('checkRotationInvariants', () => {
  it('accepts a rotation that stored exactly its successor', () => {
    expect(check(evidence({}))).toBe('');
  });

  it('flags a stored secret that names a deleted successor (4)', () => {
    const e = evidence({ final: [current] }, rotate('failed', 'the new client was deleted again, nothing changed'));
    expect(check(e)).toMatch(/inv4: the secret at .* does not exist/);
  });

  it('flags a successor whose secret is not stored (4)', () => {
    expect(check(evidence({ after: new Map([[NAME, undefined]]) }, rotate('failed', 'timeout')))).toMatch(/inv4: successor .* not stored/);
  });

  it('flags a successor left by a lost create answer: it must be deleted again (4)', () => {
    const e = evidence({ after: new Map([[NAME, undefined]]) }, rotate('failed', 'create of rot-1-deploy failed without a clear answer (malformed JSON)'));
    expect(check(e)).toMatch(/inv4: successor .* not stored/);
  });

  it('accepts that successor only when the failure names it for a person, and lists it as an orphan', () => {
    const message = `deleting it failed (503): nobody has its secret; delete client ${successor.id} by hand`;
    const verdict = checkRotationInvariants(evidence({ after: new Map([[NAME, undefined]]) }, rotate('failed', message)));
    expect(verdict).toEqual({ violations: [], orphans: [successor.id] });
  });

  it('flags a rotation reported done whose secret did not change (2)', () => {
    expect(check(evidence({ after: new Map([[NAME, undefined]]), final: [current] }))).toMatch(/inv2: rotation of .* reported done/);
  });

  it('flags a secret write or a create in report mode (3)', () => {
    const report = { outcome: 'ok', mode: 'report', actions: [rotate('planned')], counts: { failed: 0 }, warnings: [] } as unknown as RunReport;
    expect(check(evidence({ mode: 'report', report, final: [current], after: new Map([[NAME, undefined]]) }))).toMatch(/inv3/);
  });

  it('flags a failed rotation under an ok outcome (5)', () => {
    const report = { outcome: 'ok', mode: 'enforce', actions: [rotate('failed', 'x')], counts: { failed: 1 }, warnings: [] } as unknown as RunReport;
    expect(check(evidence({ report, final: [current], after: new Map([[NAME, undefined]]) }))).toMatch(/inv5/);
  });
});
