import { describe, expect, it } from 'vitest';
import { evaluateClient } from '../../../lambdas/core/plan/evaluate-client.js';
import { DEFAULT_POLICY } from '../../../lambdas/core/model/policy.js';
import { ALL_SCOPES_LISTED, summarizeInventory } from '../../../lambdas/core/report/summarize-inventory.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import { makeClient, NOW } from '../make-client.js';
import { sampleReport } from './sample-report.js';

describe('summarizeInventory', () => {
  it('counts every sp:scopes:all client but names at most ALL_SCOPES_LISTED of them', () => {
    const clients = Array.from({ length: ALL_SCOPES_LISTED + 7 }, (_, i) =>
      makeClient({ id: `c${String(i).padStart(4, '0')}`, scope: ['sp:scopes:all'] }),
    );
    const findings = clients.map((client) => evaluateClient(client, { policy: DEFAULT_POLICY, now: NOW, selfClientId: 'self' }));

    const inventory = summarizeInventory(clients, findings);

    expect(inventory.allScopes.count).toBe(ALL_SCOPES_LISTED + 7);
    expect(inventory.allScopes.clients).toHaveLength(ALL_SCOPES_LISTED);
    const text = renderTextReport({ ...sampleReport(), inventory });
    expect(text).toContain('... and 7 more');
  });
});
