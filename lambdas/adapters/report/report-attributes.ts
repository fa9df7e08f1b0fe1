import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { RunReport } from '../../core/report/run-report.js';
import { compareStrings } from '../../core/report/summarize-inventory.js';

/** At most this many owner ids go into `owners`; the rest of a huge clean-up is in the report. */
export const OWNERS_ATTRIBUTE_MAX = 1_000;

type ReportAttributeName = 'tenant' | 'outcome' | 'mode' | 'owners';

/**
 * The SNS message attributes subscription filter policies match on. `tenant`, `outcome` and
 * `mode` are on every message, so one tenant's reports, or only the failures, reach the people
 * who care. `owners` lists the owners of the credentials (personal access tokens and OAuth
 * clients) the run acted on or announced, so a team can subscribe to its own
 * (`{"owners": ["2c91..."]}`): an identity's id, or for an owner from the policy's `owners.map`
 * (no identity) its email, else its name. It is absent when there are none, so such a filter
 * does not match a report that concerns nobody.
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
    const key = entry.owner === undefined ? undefined : (entry.owner.id ?? entry.owner.email ?? entry.owner.name ?? undefined);
    if (key !== undefined && key !== '') owners.add(key);
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
