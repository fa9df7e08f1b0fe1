import { describe, expect, it } from 'vitest';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { ReportAction } from '../../../lambdas/core/report/run-report.js';
import { actionsFrom, sampleEvaluation, sampleReport } from './sample-report.js';

const { evaluation } = sampleEvaluation();

describe('renderTextReport', () => {
  it('renders an enforced run with a failure as plain text an auditor can read', () => {
    const [first, ...rest] = actionsFrom(evaluation, 'done');
    const failed: ReportAction = {
      ...first!,
      outcome: 'failed',
      error: { message: 'PATCH /v3/oauth-clients/id-build failed: 500 Internal error', status: 500, trackingId: 'b21b1f7c' },
    };
    expect(renderTextReport(sampleReport({ actions: [failed, ...rest] }))).toMatchInlineSnapshot(`
      "OAuth client cleanup for tenant acme, 2026-11-23 02:00 UTC

      Mode: ENFORCED: the actions below were applied to the tenant
      Outcome: FAILED: 1 action failed (errors below; the other actions were carried out)
      Run: 2026-11-23T02:00:00.000Z to 2026-11-23T02:00:04.250Z (report id run-2026-11-23)

      Summary
        Clients in the tenant before the run: 7
        Stale (due for disable or delete): 3
        Disabled: 1
        Deleted: 1
        Failed: 1
        Not attempted: 0
        Exempt: 1
        Upcoming: 1
        Skipped: 1

      Actions (3)
        Action   Outcome  Client       Id
        disable  failed   build-bot    id-build
                 why: unused for 97 days (last used 2026-08-18), limit 90
                 error: PATCH /v3/oauth-clients/id-build failed: 500 Internal error (tracking id b21b1f7c)
        disable  done     legacy sync  id-legacy
                 why: never used, created 45 days ago (2026-10-09), limit 30
        delete   done     old export   id-old
                 why: disabled and unused for 200 days (last used 2026-05-07), limit 180; unchanged for 20 days, grace 14

      Upcoming actions (1)
        will be disabled on 2026-12-03  reporting (id-soon)
          why: unused for 80 days (last used 2026-09-04), limit 90

      Exempt (1)
        break-glass (id-exempt): exempt by id list; would otherwise be disabled: unused for 400 days (last used 2025-10-19), limit 90

      Warnings (1)
        - client weird (id-bad): lastUsed "garbage" is not a date; skipped, never acted on

      Inventory before the run
        Clients: 7 (6 enabled, 1 disabled, 0 internal)
        Last used less than 30 days ago: 1
        Last used 30 to 89 days ago: 1
        Last used 90 to 179 days ago: 1
        Last used 180 or more days ago: 2
        Never used: 1
        Unreadable last-used date: 1
        Clients with sp:scopes:all (every right of their creator): 1
          - build-bot (id-build)

      Inventory after the run
        Clients: 6 (5 enabled, 1 disabled, 0 internal)

      How to undo
        A disabled client is re-enabled with one request: PATCH /v3/oauth-clients/{id}
        with the body [{"op":"replace","path":"/enabled","value":true}].
        A deleted client cannot come back: create a new client and give its new id and secret to its owner.
      "
    `);
  });

  it('says plainly that report mode changed nothing', () => {
    const text = renderTextReport(sampleReport({ mode: 'report', actions: actionsFrom(evaluation, 'planned') }));
    expect(text).toContain('Mode: REPORT ONLY: nothing was changed\n');
    expect(text).toContain('  Would disable: 2\n  Would delete: 1\n');
    expect(text).toContain('Outcome: OK\n');
  });

  it('shows the blocked reason', () => {
    const reason = 'the plan would change 3 of 7 clients (42.86%), over limits.maxFraction 0.25 (25%); nothing was changed';
    const text = renderTextReport(
      sampleReport({ guard: { allowed: false, reason }, actions: actionsFrom(evaluation, 'not-attempted') }),
    );
    expect(text).toContain(`Outcome: BLOCKED by the safety limit: ${reason}\n`);
  });

  it('cuts the action list at maxActions and says how many are not shown', () => {
    const text = renderTextReport(sampleReport(), { maxActions: 1 });
    expect(text).toContain('Actions (3)\n');
    expect(text).toContain('build-bot');
    expect(text).not.toContain('legacy sync');
    expect(text).toContain('  2 more actions not shown (the full report is in the logs)\n');
  });

  it('counts actions the caller already omitted', () => {
    const text = renderTextReport(sampleReport(), { omittedActions: 1 });
    expect(text).toContain('Actions (4)\n');
    expect(text).toContain('  1 more action not shown (the full report is in the logs)\n');
    expect(renderTextReport(sampleReport(), { maxActions: 0, omittedActions: 2 })).toContain('  5 more actions not shown');
  });

  it('says "none" for empty sections', () => {
    const text = renderTextReport(sampleReport({ actions: [] }));
    expect(text).toContain('Actions (0)\n  none\n');
  });

  it('flattens outside text to one line so a client name cannot forge report lines', () => {
    const [first] = actionsFrom(evaluation, 'done');
    const text = renderTextReport(sampleReport({ actions: [{ ...first!, name: 'evil\nOutcome: OK\r\nx' }] }));
    expect(text).toContain('evil Outcome: OK x');
    expect(text.split('\n').filter((line) => line.startsWith('Outcome:'))).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(renderTextReport(sampleReport())).toBe(renderTextReport(sampleReport()));
  });
});
