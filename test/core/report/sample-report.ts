import type { BuildReportInput } from '../../../lambdas/core/report/build-report.js';
import { buildReport } from '../../../lambdas/core/report/build-report.js';
import { evaluateTenant } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import type { ReportAction, RunReport } from '../../../lambdas/core/report/run-report.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';

/** A small fixed tenant: two stale clients, one deletable, one upcoming, one exempt, one unreadable. */
export function sampleEvaluation() {
  const policy = parsePolicy({ mode: 'enforce', exempt: { ids: ['id-exempt'] } });
  const clients = [
    makeClient({ id: 'id-build', name: 'build-bot', lastUsed: daysAgo(97), scope: ['sp:scopes:all'] }),
    makeClient({ id: 'id-legacy', name: 'legacy sync', lastUsed: null, created: daysAgo(45) }),
    makeClient({ id: 'id-old', name: 'old export', enabled: false, lastUsed: daysAgo(200), modified: daysAgo(20) }),
    makeClient({ id: 'id-soon', name: 'reporting', lastUsed: daysAgo(80) }),
    makeClient({ id: 'id-exempt', name: 'break-glass', lastUsed: daysAgo(400) }),
    makeClient({ id: 'id-bad', name: 'weird', lastUsed: 'garbage' }),
    makeClient({ id: 'id-fresh', name: 'payroll', lastUsed: daysAgo(2) }),
  ];
  return { policy, evaluation: evaluateTenant({ clients, policy, now: NOW, selfClientId: 'id-self' }) };
}

export function actionsFrom(
  evaluation: ReturnType<typeof sampleEvaluation>['evaluation'],
  outcome: ReportAction['outcome'],
): ReportAction[] {
  return evaluation.plan.map((action) => ({
    credential: action.credential,
    clientId: action.clientId,
    name: action.name,
    action: action.kind,
    reason: action.reason,
    outcome,
  }));
}

export function sampleReport(overrides: Partial<BuildReportInput> = {}): RunReport {
  const { policy, evaluation } = sampleEvaluation();
  return buildReport({
    reportId: 'run-2026-11-23',
    tenant: 'acme',
    mode: 'enforce',
    startedAt: NOW,
    finishedAt: new Date(NOW.getTime() + 4_250),
    evaluation,
    actions: actionsFrom(evaluation, 'done'),
    guard: { allowed: true },
    policy,
    ...overrides,
  });
}
