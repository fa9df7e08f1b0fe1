import type { ReportAction, RunReport } from '../../../lambdas/core/report/run-report.js';
import type { ReportRenderer } from '../../../lambdas/adapters/report/report-renderer.js';

/** One disable action; `i` keeps ids and names distinct. */
export function fixtureAction(i: number, name = `client-${i}`): ReportAction {
  return {
    credential: 'oauth-client',
    clientId: `2c9180835d2e5168015d32f890ca${String(i).padStart(4, '0')}`,
    name,
    action: 'disable',
    reason: `unused for ${97 + (i % 50)} days (last used 2026-08-18), limit 90`,
    outcome: 'done',
  };
}

/** A RunReport built by hand (enforce mode, ok), with `actions` replacing the default two. */
export function fixtureReport(overrides: Partial<RunReport> = {}): RunReport {
  const actions = overrides.actions ?? [fixtureAction(1, 'payroll-export'), fixtureAction(2, 'Café reporting')];
  const disabled = actions.filter((a) => a.action === 'disable').length;
  return {
    reportId: 'run-2026-11-23T02-00-00Z-acme',
    tenant: 'acme',
    mode: 'enforce',
    startedAt: '2026-11-23T02:00:00.000Z',
    finishedAt: '2026-11-23T02:00:04.512Z',
    outcome: 'ok',
    counts: {
      total: actions.length + 10,
      stale: actions.length,
      disabled,
      deleted: actions.length - disabled,
      rotated: 0,
      failed: 0,
      notAttempted: 0,
      exempt: 1,
      upcoming: 1,
      skipped: 0,
    },
    actions,
    upcoming: [
      { credential: 'oauth-client', clientId: 'c-upcoming', name: 'nightly-sync', action: 'disable', on: '2026-12-01', reason: 'unused for 82 days, limit 90' },
    ],
    exempt: [{ credential: 'oauth-client', clientId: 'c-exempt', name: 'janitor', reason: "exempt: the janitor's own credential" }],
    warnings: [],
    inventory: {
      total: actions.length + 10,
      enabled: 9,
      disabled: actions.length + 1,
      internal: 1,
      byInactivity: { under30: 5, from30to90: 3, from90to180: actions.length, over180: 1, neverUsed: 1 },
      allScopes: { count: 0, clients: [] },
    },
    policy: { mode: 'enforce', disableAfterDays: 90 },
    ...overrides,
  };
}

/**
 * A renderer that honours the ReportRenderer contract the way the core's does: it lists the
 * report's actions up to `maxActions` and counts `omittedActions` as left out.
 */
export const stubRenderer: ReportRenderer = {
  subject: (report) => `[${report.tenant}] OAuth client cleanup: ${report.counts.disabled} disabled, ${report.counts.failed} failed`,
  text: (report, options = {}) => {
    const shown = report.actions.slice(0, options.maxActions ?? report.actions.length);
    const omitted = report.actions.length - shown.length + (options.omittedActions ?? 0);
    return [
      `Tenant ${report.tenant}: ${report.counts.disabled} disabled, ${report.counts.total} clients`,
      ...shown.map((a) => `${a.action} ${a.outcome} ${a.name} (${a.clientId}): ${a.reason}`),
      ...(omitted > 0 ? [`${omitted} more actions not shown (the full report is in the logs)`] : []),
    ].join('\n');
  },
};
