/**
 * The saved Athena queries over the evidence archive (lib/audit-query.ts makes them named queries
 * of the stack's workgroup; docs/evidence.md shows each one). `?` marks a parameter: Athena asks for
 * the values when the saved query is run, in order. `tenant` is always one of them: the archive
 * is partitioned by tenant and Athena reads only the tenants a query names (partition
 * projection, injected). `date` and `on` are quoted: both are SQL words.
 */
export interface AuditQuery {
  readonly name: string;
  readonly description: string;
  /** The parameters, in the order of the `?` in `sql`. */
  readonly parameters: readonly string[];
  readonly sql: string;
}

export const AUDIT_QUERIES: readonly AuditQuery[] = [
  {
    name: 'deletions-in-a-period',
    description: 'Every credential the janitor deleted in a tenant between two dates, with the reason and the run',
    parameters: ['tenant (its registry name)', "first day ('2026-01-01')", "last day ('2026-03-31')"],
    sql: `SELECT "date", clientid, name, credential, reason, detail, reportid
FROM actions
WHERE tenant = ? AND "date" BETWEEN ? AND ?
  AND action = 'delete' AND outcome = 'done'
ORDER BY "date", clientid`,
  },
  {
    name: 'history-of-one-client',
    description: 'Everything the runs did or announced about one client: found stale, warned, disabled, deleted, rotated, failed',
    parameters: ['tenant (its registry name)', "client id", 'the same tenant again', "client id again"],
    sql: `SELECT "date", reportid, action, outcome, reason, detail
FROM actions
WHERE tenant = ? AND clientid = ?
UNION ALL
SELECT "date", reportid, action, 'upcoming' AS outcome, reason, 'due on ' || "on" AS detail
FROM upcoming
WHERE tenant = ? AND clientid = ?
ORDER BY "date", reportid`,
  },
  {
    name: 'failed-or-blocked-runs',
    description: 'The runs of a tenant since a date that did not end ok: failed, blocked by the guard, interrupted, or stopped by a lost lease, and why',
    parameters: ['tenant (its registry name)', "first day ('2026-01-01')"],
    sql: `SELECT "date", startedat, reportid, mode, outcome,
  coalesce(blockedreason, leaselostreason, failedreason) AS why, counts.failed AS failed_actions, counts.notattempted AS not_attempted
FROM reports
WHERE tenant = ? AND "date" >= ?
  AND outcome IN ('failed', 'blocked', 'interrupted', 'lease-lost')
ORDER BY startedat`,
  },
];
