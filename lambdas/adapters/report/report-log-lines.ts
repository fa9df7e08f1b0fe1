import type { RunReport } from '../../core/report/run-report.js';

/**
 * CloudWatch Logs takes at most 256 KB per event and cuts the rest. One line stays under this,
 * with room for the logger's own keys (level, timestamp, service, request id, tenant).
 */
export const LOG_LINE_BUDGET = 200_000;

type Line = Record<string, unknown>;

const LISTS = ['actions', 'upcoming', 'exempt', 'warnings'] as const;

/**
 * The `extra` of each log line that carries a whole report ("the full report is in the logs"):
 * one line `{ ...extra, report }` when it fits the budget; otherwise the report in parts, each a
 * line of its own: first the report without its lists and policy (`report`, with `part: 1` and
 * `parts`), then each list in runs of whole items (`list`, `from`, `items`), then the policy's
 * JSON in slices (`list: "policy"`, `from`, `text`: concatenate them). Every part carries the
 * report id, so the parts of one report are found together; no item is ever split.
 */
export function reportLogLines(report: RunReport, extra: Line = {}, maxBytes = LOG_LINE_BUDGET): Line[] {
  const whole = { ...extra, report };
  if (bytes(JSON.stringify(whole)) <= maxBytes) return [whole];

  const { actions, upcoming, exempt, warnings, policy, ...head } = report;
  const lists = { actions, upcoming, exempt, warnings };
  const tag = { reportId: report.reportId };
  const parts: Line[] = [{ ...extra, report: head }];
  // Room for the part's own keys (reportId, part, parts, list, from), measured once.
  // Plus what the logger adds to every line (level, message, timestamp, service, tenant, ...).
  const overhead = bytes(JSON.stringify({ ...tag, part: 0, parts: 0, list: 'upcoming', from: 0, items: [] })) + 400;
  const room = Math.max(1_000, maxBytes - overhead);
  for (const list of LISTS) {
    let run: unknown[] = [];
    let runBytes = 0;
    let from = 0;
    lists[list].forEach((raw, index) => {
      const item = fitted(raw, room);
      const size = bytes(JSON.stringify(item)) + 1;
      if (run.length > 0 && runBytes + size > room) {
        parts.push({ ...tag, list, from, items: run });
        run = [];
        runBytes = 0;
        from = index;
      }
      run.push(item);
      runBytes += size;
    });
    if (run.length > 0) parts.push({ ...tag, list, from, items: run });
  }
  const policyJson = JSON.stringify(policy) ?? 'null';
  // A slice counts its characters, so multi-byte text stays under the budget: up to 3 bytes each,
  // and up to 6 once JSON escapes a control character.
  const slice = Math.max(100, Math.floor(room / 6));
  for (let from = 0; from < policyJson.length; from += slice) {
    parts.push({ ...tag, list: 'policy', from, text: policyJson.slice(from, from + slice) });
  }
  return parts.map((part, index) => ({ ...part, part: index + 1, parts: parts.length }));
}

/** An item too big for any line on its own (a 300 KB warning) is cut, saying so. */
function fitted(item: unknown, room: number): unknown {
  const json = JSON.stringify(item);
  if (bytes(json) <= room) return item;
  return { cut: true, bytes: bytes(json), start: json.slice(0, Math.floor(room / 8)) };
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
