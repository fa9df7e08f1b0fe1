import type { PlannedAction } from './evaluate-tenant.js';
import type { PlannedActionKind } from '../report/run-report.js';
import { compareStrings } from '../report/summarize-inventory.js';

const KIND_ORDER: Record<PlannedActionKind, number> = { disable: 0, delete: 1, rotate: 2 };

/**
 * One plan from the staleness rules and the rotation rules, with no client acted on twice:
 * - a rotation step replaces a staleness action of the same client and kind (a retired
 *   predecessor that is also stale is disabled once, with the rotation's reason);
 * - a client the staleness rules disable or delete is not also rotated: a successor of a client
 *   nobody uses would only be another stale client.
 */
export function mergeRotationPlan(
  stalePlan: readonly PlannedAction[],
  rotationPlan: readonly PlannedAction[],
): { plan: PlannedAction[]; warnings: string[] } {
  const key = (action: PlannedAction) => `${action.kind}\u0000${action.clientId}`;
  const rotationKeys = new Set(rotationPlan.map(key));
  const kept = stalePlan.filter((action) => !rotationKeys.has(key(action)));
  const staleIds = new Set(kept.map((action) => action.clientId));
  const warnings: string[] = [];
  const rotation = rotationPlan.filter((action) => {
    if (action.kind !== 'rotate' || !staleIds.has(action.clientId)) return true;
    warnings.push(`rotation: ${action.name} (${action.clientId}) is due for rotation but the staleness rules retire it; not rotated`);
    return false;
  });
  const plan = [...kept, ...rotation].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareStrings(a.clientId, b.clientId),
  );
  return { plan, warnings };
}
