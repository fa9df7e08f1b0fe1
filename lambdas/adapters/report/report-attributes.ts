import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { RunReport } from '../../core/report/run-report.js';
import { compareStrings } from '../../core/report/summarize-inventory.js';

/** At most this many owner ids go into `owners`; the rest of a huge clean-up is in the report. */
export const OWNERS_ATTRIBUTE_MAX = 1_000;

type ReportAttributeName = 'tenant' | 'outcome' | 'mode' | 'owners';

/**
 * The SNS message attributes subscription filter policies match on. `tenant`, `outcome` and
 * `mode` are on every message, so one tenant's reports, or only the failures, reach the people
 * who care. `owners` lists the identities whose personal access tokens the run acted on or
 * announced for deletion, so a team can subscribe to its own (`{"owners": ["2c91..."]}`); it is
 * absent when there are none, so such a filter does not match a report that concerns nobody.
 */
export function reportAttributes(report: RunReport): Partial<Record<ReportAttributeName, MessageAttributeValue>> {
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  const attributes: Partial<Record<ReportAttributeName, MessageAttributeValue>> = {
    tenant: text(report.tenant),
    outcome: text(report.outcome),
    mode: text(report.mode),
  };
  const owners = new Set<string>();
  for (const entry of [...report.actions, ...report.upcoming]) {
    if (entry.credential === 'personal-access-token' && entry.owner) owners.add(entry.owner.id);
  }
  if (owners.size > 0) {
    const ids = [...owners].sort(compareStrings).slice(0, OWNERS_ATTRIBUTE_MAX);
    attributes.owners = { DataType: 'String.Array', StringValue: JSON.stringify(ids) };
  }
  return attributes;
}

/** What the attributes add to the message's size as SNS counts it (name, type and value, UTF-8). */
export function attributesBytes(attributes: Partial<Record<string, MessageAttributeValue>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value?.DataType ?? '') + Buffer.byteLength(value?.StringValue ?? '');
  }
  return bytes;
}
