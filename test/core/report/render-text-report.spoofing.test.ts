import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluateTenant } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { buildReport } from '../../../lambdas/core/report/build-report.js';
import { renderReportSubject } from '../../../lambdas/core/report/render-report-subject.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';
import { RAW_HIDDEN } from '../../support/hostile-names-isc.js';


function spoofedReport() {
  const policy = parsePolicy({ mode: 'enforce', exempt: { names: ['^payroll-export$'] } });
  const clients = [
    // Looks exactly like the exempt `payroll-export`, but is not it: the pattern does not match.
    makeClient({ id: 'id-lookalike', name: 'payroll\u200b-export', lastUsed: daysAgo(100) }),
    makeClient({ id: 'id-real', name: 'payroll-export', lastUsed: daysAgo(100) }),
    // An override that would reverse the Id column after it.
    makeClient({ id: 'id-rtl', name: 'invoice\u202Etropxe', lastUsed: daysAgo(100) }),
    makeClient({ id: 'id-ansi', name: 'ci\u001b[2J\u001b]0;owned\u0007-bot', lastUsed: daysAgo(100) }),
  ];
  const evaluation = evaluateTenant({ clients, policy, now: NOW, selfClientId: 'self' });
  const actions = evaluation.plan.map((action) => ({
    credential: action.credential,
    clientId: action.clientId,
    name: action.name,
    action: action.kind,
    reason: action.reason,
    outcome: 'failed' as const,
    error: { message: 'PATCH failed: 500 \u202Eevil\u001b[31m', status: 500, trackingId: '\u001b]0;title\u0007b21b' },
  }));
  return buildReport({
    reportId: 'r',
    tenant: 'acme\u001b[31m\u202E',
    mode: 'enforce',
    startedAt: NOW,
    finishedAt: NOW,
    evaluation,
    actions,
    guard: { allowed: true },
    policy,
  });
}

describe('renderTextReport against spoofed names', () => {
  it('shows every hidden character as <U+XXXX> and lets no raw one through', () => {
    const text = renderTextReport(spoofedReport());

    expect(text).not.toMatch(RAW_HIDDEN);
    expect(text).toContain('payroll<U+200B>-export');
    expect(text).toContain('invoice<U+202E>tropxe');
    expect(text).toContain('ci-bot');
    expect(text).toContain('tenant acme<U+202E>');
    expect(text).toContain('error: PATCH failed: 500 <U+202E>evil (tracking id b21b)');
  });

  it('keeps the Id column after an override in its place', () => {
    const row = renderTextReport(spoofedReport())
      .split('\n')
      .find((line) => line.includes('invoice'));
    expect(row).toMatch(/^ {2}disable +failed +invoice<U\+202E>tropxe +id-rtl$/);
  });

  it('warns about each name with hidden characters, and only about those', () => {
    const { warnings } = spoofedReport();

    expect(warnings).toEqual([
      'client payroll<U+200B>-export (id-lookalike): its name contains hidden characters (<U+200B>) that can make it look like another name or reorder the text around it',
      'client invoice<U+202E>tropxe (id-rtl): its name contains hidden characters (<U+202E>) that can make it look like another name or reorder the text around it',
      'client ci-bot (id-ansi): its name contains hidden characters (<U+001B> <U+0007>) that can make it look like another name or reorder the text around it',
    ]);
  });

  it('keeps the subject ASCII with the hidden characters visible', () => {
    expect(renderReportSubject(spoofedReport())).toMatch(/^\[acme<U\+202E>\] /);
  });
});
