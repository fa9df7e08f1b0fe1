import { oneLine } from '../text.js';
import { addWholeDays, formatUtcDate } from '../dates.js';
import type { Policy } from '../model/policy.js';
import type { CredentialOwner, RunReport } from './run-report.js';
import { compareStrings } from './summarize-inventory.js';

/** One email to one owner: their credentials due within `owners.notices.daysBefore`. */
export interface OwnerNotice {
  readonly to: string;
  readonly owner: CredentialOwner;
  readonly subject: string;
  readonly text: string;
  /** What the notice lists, for the report and the archive. */
  readonly credentials: readonly { readonly credential: string; readonly id: string; readonly name: string; readonly action: string; readonly on: string }[];
}


/**
 * The notices of one run, one per owner email: every credential of theirs the run announced
 * (upcoming) for a day within `daysBefore` days of the run, or planned for this run without doing
 * it (report mode), with the date and how to keep it. Owners without an email get none (the
 * report still names them). Sorted by address; each list by date, then id.
 */
export function planOwnerNotices(report: RunReport, notices: NonNullable<Policy['owners']['notices']>): OwnerNotice[] {
  const runDay = report.startedAt.slice(0, 10);
  const horizon = formatUtcDate(addWholeDays(new Date(`${runDay}T00:00:00Z`), notices.daysBefore));
  const due = [
    ...report.upcoming.filter((item) => item.on <= horizon).map((item) => ({ owner: item.owner, credential: item.credential, id: item.clientId, name: item.name, action: item.action, on: item.on })),
    ...report.actions.filter((action) => action.outcome === 'planned' && action.action !== 'rotate').map((action) => ({ owner: action.owner, credential: action.credential, id: action.clientId, name: action.name, action: action.action, on: runDay })),
  ];
  const byEmail = new Map<string, { owner: CredentialOwner; items: typeof due }>();
  for (const item of due) {
    const email = item.owner?.email;
    if (item.owner === undefined || email === undefined) continue;
    const key = email.toLowerCase();
    const group = byEmail.get(key) ?? { owner: item.owner, items: [] };
    group.items.push(item);
    byEmail.set(key, group);
  }
  return [...byEmail.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([to, { owner, items }]) => {
      const sorted = [...items].sort((a, b) => compareStrings(a.on, b.on) || compareStrings(a.id, b.id));
      return {
        to,
        owner,
        subject: `ISC credentials of yours to be disabled or deleted soon (${oneLine(report.tenant)})`,
        text: noticeText(report, owner, sorted, notices.daysBefore),
        credentials: sorted.map(({ credential, id, name, action, on }) => ({ credential, id, name, action, on })),
      };
    });
}

function noticeText(report: RunReport, owner: CredentialOwner, items: readonly { credential: string; id: string; name: string; action: string; on: string }[], daysBefore: number): string {
  return [
    `Hello ${oneLine(owner.name ?? 'there')},`,
    '',
    `The ISC credential janitor of tenant ${oneLine(report.tenant)} found ${items.length} credential${items.length === 1 ? '' : 's'} of yours due to be disabled or deleted within ${daysBefore} days:`,
    '',
    ...items.flatMap((item) => [
      `- ${item.credential === 'oauth-client' ? 'OAuth client' : 'Personal access token'} "${oneLine(item.name)}" (${oneLine(item.id)}): to be ${item.action === 'delete' ? 'deleted' : 'disabled'} on ${item.on}.`,
      `  To keep it: use it before ${item.on} (a token request counts as use), or ask your ISC administrators for an exemption (with a reason, an approver and an end date).`,
    ]),
    '',
    `Run ${oneLine(report.reportId)} (${report.mode === 'enforce' ? 'enforced' : 'report only'}), ${report.startedAt}.`,
    'You get this because the audit trail or the janitor policy names you as the owner. Reply to reach the team that runs the janitor.',
  ].join('\n');
}
