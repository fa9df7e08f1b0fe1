import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluatePats } from '../../../lambdas/core/plan/evaluate-pats.js';
import { evaluateTenant } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { buildHistory } from '../../../lambdas/core/report/build-history.js';
import { buildReport } from '../../../lambdas/core/report/build-report.js';
import { renderHistory } from '../../../lambdas/core/report/render-history.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { secretLabel } from '../../../lambdas/core/report/secret-label.js';
import { DAY_MS } from '../../../lambdas/core/dates.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';
import { ADA, makePat } from '../make-pat.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

const TODAY = NOW.toISOString().slice(0, 10);
const JANITOR = 'id-janitor';

/** A report of `clients` and `tokens` evaluated at NOW, every planned action done. */
function reportOf(clients: Parameters<typeof makeClient>[0][], tokens: Parameters<typeof makePat>[0][] = []): RunReport {
  const policy = parsePolicy({ mode: 'enforce', pats: { enabled: true } });
  const evaluation = evaluateTenant({ clients: clients.map(makeClient), policy, now: NOW, selfClientId: JANITOR });
  const pats = evaluatePats({ tokens: tokens.map(makePat), policy, now: NOW, selfClientId: JANITOR, announcements: new Map() });
  return buildReport({
    reportId: 'run-1',
    tenant: 'acme',
    mode: 'enforce',
    startedAt: NOW,
    finishedAt: new Date(NOW.getTime() + 1_000),
    evaluation,
    pats,
    actions: actionsFrom(evaluation, 'done'),
    guard: { allowed: true },
    policy,
  });
}

describe('the report reads right', () => {
  it('says the date of an upcoming action once in a history', () => {
    const report = reportOf([], [{ id: 'pat-1', name: 'laptop', owner: ADA, lastUsed: daysAgo(120) }]);
    const text = renderHistory(buildHistory([report], { clientId: 'pat-1' }), { clientId: 'pat-1' });
    expect(text).toContain(`warned: will be deleted on ${new Date(NOW.getTime() + 14 * DAY_MS).toISOString().slice(0, 10)}: unused for 120 days`);
    expect(text.match(/will be deleted on/g)).toHaveLength(1);
  });

  it('says it once for a report archived when the reason still began with the date', () => {
    const report = reportOf([], [{ id: 'pat-1', name: 'laptop', owner: ADA, lastUsed: daysAgo(120) }]);
    const old: RunReport = { ...report, upcoming: report.upcoming.map((item) => ({ ...item, reason: `will be deleted on ${item.on}: ${item.reason}` })) };
    const text = renderHistory(buildHistory([old], { clientId: 'pat-1' }), { clientId: 'pat-1' });
    expect(text.match(/will be deleted on/g)).toHaveLength(1);
  });

  it('never says a client it kept "will be deleted on" the day of the run', () => {
    // Unchanged for 13 days and 20 hours, grace 14: kept by this run, deletable later today.
    const modified = new Date(NOW.getTime() - 13 * DAY_MS - 20 * 3_600_000).toISOString();
    const report = reportOf([{ id: 'c-kept', name: 'kept', enabled: false, lastUsed: daysAgo(300), modified }]);
    expect(report.actions).toEqual([]);
    expect(report.upcoming).toMatchObject([{ clientId: 'c-kept', action: 'delete', on: TODAY }]);

    const text = renderTextReport(report);
    expect(text).not.toContain(`will be deleted on ${TODAY}`);
    expect(text).toContain(`  due later today (${TODAY}), after this run: the next run deletes it  kept (c-kept)\n    why: disabled and unused for 300 days`);
    const history = renderHistory(buildHistory([report]), { tenant: 'acme' });
    expect(history).not.toContain(`will be deleted on ${TODAY}`);
    expect(history).toContain('warned: due later today');
  });

  it('labels the inventory as before the run, and shows the tenant after it', () => {
    const text = renderTextReport(sampleReport());
    expect(text).not.toMatch(/^Inventory$/m);
    expect(text).toContain('\nInventory before the run\n  Clients: 7 (6 enabled, 1 disabled, 0 internal)\n');
    // Two disables and a delete were done: 7 - 1 clients, 6 - 2 enabled, 1 + 2 - 1 disabled.
    expect(text).toContain('\nInventory after the run\n  Clients: 6 (4 enabled, 2 disabled, 0 internal)\n');
    expect(text).toContain('  Clients in the tenant before the run: 7\n');

    const preview = renderTextReport(sampleReport({ mode: 'report', actions: actionsFrom(sampleEvaluation().evaluation, 'planned') }));
    expect(preview).toContain('\nInventory after the run\n  Clients: 7 (6 enabled, 1 disabled, 0 internal) (unchanged: report only)\n');
  });

  it('lists the expired tokens it counts', () => {
    const report = reportOf([], [
      { id: 'pat-x', name: 'expired one', owner: ADA, expirationDate: daysAgo(3) },
      { id: 'pat-y', name: 'expired two', owner: ADA, expirationDate: daysAgo(40) },
    ]);
    const text = renderTextReport(report);
    expect(text).toContain(
      [
        '    Expired but still listed: 2',
        `      - ${daysAgo(40).slice(0, 10)}  expired two (pat-y), owner ${ADA.name} (${ADA.id})`,
        `      - ${daysAgo(3).slice(0, 10)}  expired one (pat-x), owner ${ADA.name} (${ADA.id})`,
        '',
      ].join('\n'),
    );
  });

  it("marks the janitor's own token and client where they are listed with sp:scopes:all", () => {
    const report = reportOf(
      [{ id: JANITOR, name: 'janitor client', lastUsed: daysAgo(1), scope: ['sp:scopes:all'] }],
      [
        { id: JANITOR, name: 'isc-oauth-janitor', owner: ADA, lastUsed: daysAgo(0), scope: ['sp:scopes:all'] },
        { id: 'pat-other', name: 'other', owner: ADA, lastUsed: daysAgo(0), scope: ['sp:scopes:all'] },
      ],
    );
    const text = renderTextReport(report);
    const tokens = text.slice(text.indexOf('    With sp:scopes:all'));
    expect(tokens).toContain(`      - isc-oauth-janitor (${JANITOR}), owner ${ADA.name} (${ADA.id}): the janitor's own token\n`);
    expect(tokens).toContain(`      - other (pat-other), owner ${ADA.name} (${ADA.id})\n`);
    expect(text).toContain(`    - janitor client (${JANITOR}): the janitor's own client\n`);
  });

  it('shows a rotated secret kept in the directory store by its name, not URL-encoded', () => {
    const [first] = actionsFrom(sampleEvaluation().evaluation, 'done');
    const secretId = '/tmp/secrets/isc-oauth-janitor%2Fclients%2Facme%2Fpayroll.json';
    const text = renderTextReport(sampleReport({ actions: [{ ...first!, action: 'rotate', secretId }] }));
    expect(text).not.toContain('%2F');
    expect(text).toContain('secret: isc-oauth-janitor/clients/acme/payroll (in the secret directory /tmp/secrets)\n');
  });
});

describe('secretLabel', () => {
  it('leaves an ARN, a plain name and an undecodable file name as they are', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/clients/acme/payroll-AbCdEf';
    expect(secretLabel(arn)).toBe(arn);
    expect(secretLabel('isc-oauth-janitor/clients/acme/payroll')).toBe('isc-oauth-janitor/clients/acme/payroll');
    expect(secretLabel('/tmp/s/bad%E0%A4%A.json')).toBe('/tmp/s/bad%E0%A4%A.json');
    expect(secretLabel('/a%2Fb.json')).toBe('a/b (in the secret directory /)');
  });
});
