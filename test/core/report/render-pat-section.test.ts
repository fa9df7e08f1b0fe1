import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluatePats } from '../../../lambdas/core/plan/evaluate-pats.js';
import { buildReport } from '../../../lambdas/core/report/build-report.js';
import { renderReportSubject } from '../../../lambdas/core/report/render-report-subject.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { ReportAction } from '../../../lambdas/core/report/run-report.js';
import { plannedFieldsOf } from '../../../lambdas/app/actions/executor.js';
import { daysAgo, NOW } from '../make-client.js';
import { ADA, makePat } from '../make-pat.js';
import { sampleEvaluation } from './sample-report.js';

const GRACE = { id: 'id-grace', name: 'Grace Hopper' };
const at = (days: number) => Date.parse(daysAgo(days));

/** A tenant whose tokens cover every line of the section: deleted, announced, exempt, expiring. */
function patReport(mode: 'enforce' | 'report') {
  const policy = parsePolicy({ mode, pats: { enabled: true, exempt: { ownerIds: [] } } });
  const tokens = [
    makePat({ id: 'pat-old', name: 'NodeJS Integration', owner: ADA, lastUsed: daysAgo(120), expirationDate: null, scope: ['sp:scopes:all'] }),
    makePat({ id: 'pat-soon', name: 'laptop', owner: GRACE, lastUsed: daysAgo(80), expirationDate: daysAgo(-5) }),
    makePat({ id: 'pat-wf', name: 'Workflow token', owner: GRACE, managed: true, lastUsed: daysAgo(300), expirationDate: null }),
    makePat({ id: 'pat-new', name: 'fresh', owner: ADA }),
  ];
  const pats = evaluatePats({ tokens, policy, now: NOW, selfClientId: 'janitor', announcements: new Map([['pat-old', [at(20)]]]) });
  const actions: ReportAction[] = pats.plan.map((action) => ({ ...plannedFieldsOf(action), outcome: mode === 'enforce' ? 'done' : 'planned' }));
  const { evaluation } = sampleEvaluation();
  return buildReport({
    reportId: 'run-2026-11-23',
    tenant: 'acme',
    mode,
    startedAt: NOW,
    finishedAt: new Date(NOW.getTime() + 4_250),
    evaluation: { ...evaluation, plan: [], upcoming: [] },
    pats,
    actions,
    guard: { allowed: true },
    policy,
  });
}

describe('the personal access token section of the text report', () => {
  it('groups deleted, announced and untouched tokens by owner name, then shows the token inventory', () => {
    const text = renderTextReport(patReport('enforce'));
    const section = text.slice(text.indexOf('Personal access tokens'), text.indexOf('How to undo'));
    expect(section).toMatchInlineSnapshot(`
      "Personal access tokens
        Tokens in the tenant before the run: 4 (1 managed by ISC)
        Tokens in the tenant after the run: 3
        Due for deletion (unused past the limit): 1
        Deleted: 1
        Announced for deletion: 1
        Failed: 0
        Not attempted: 0
        Never touched (exempt): 1
        Skipped: 0

        By owner (2)
          Ada Lovelace (2c9180a46faadee4016fb4e018c20639)
            delete done  NodeJS Integration (pat-old)
              why: unused for 120 days (last used 2026-07-26), limit 90; announced on 2026-11-03, 20 days ago (warnDays 14)
          Grace Hopper (id-grace)
            will be deleted on 2026-12-07  laptop (pat-soon)
              why: unused for 80 days (last used 2026-09-04), limit 90; announced by this run
            never touched  Workflow token (pat-wf)
              why: exempt: managed by ISC (Workflows depend on it); would otherwise be due for deletion: unused for 300 days (last used 2026-01-27), limit 90

        Token inventory before the run
          Owners: 2
            Ada Lovelace (2c9180a46faadee4016fb4e018c20639): 2
            Grace Hopper (id-grace): 2
          Last used less than 30 days ago: 1
          Last used 30 to 89 days ago: 1
          Last used 90 to 179 days ago: 1
          Last used 180 or more days ago: 1
          Never used: 0
          Never expire: 2
            - NodeJS Integration (pat-old), owner Ada Lovelace (2c9180a46faadee4016fb4e018c20639)
            - Workflow token (pat-wf), owner Grace Hopper (id-grace)
          Expiring within 14 days: 1
            - 2026-11-28  laptop (pat-soon), owner Grace Hopper (id-grace)
          With sp:scopes:all (every right of their owner): 1
            - NodeJS Integration (pat-old), owner Ada Lovelace (2c9180a46faadee4016fb4e018c20639)

      "
    `);
    expect(text).toContain('A deleted personal access token cannot come back either');
  });

  it('says "would delete" in report mode, and the subject counts token deletions and announcements', () => {
    const report = patReport('report');
    const text = renderTextReport(report);
    expect(text).toContain('  Would delete: 1\n');
    expect(text).toContain('      would delete  NodeJS Integration (pat-old)\n');
    expect(report.counts.deleted).toBe(0);
    expect(report.pats?.counts).toMatchObject({ total: 4, stale: 1, deleted: 1, upcoming: 1, exempt: 1 });
    expect(renderReportSubject(patReport('enforce'))).toBe('[acme] OAuth client cleanup: 0 disabled, 0 deleted, 0 failed; tokens: 1 deleted, 1 announced');
  });
});
