import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../bin/cli/exit-code-for.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';

const report = (outcome: RunReport['outcome']) => ({ outcome }) as RunReport;

describe('exitCodeFor', () => {
  it('maps ok to 0, failed to 1 and blocked to 3', () => {
    expect([exitCodeFor(report('ok')), exitCodeFor(report('failed')), exitCodeFor(report('blocked'))]).toEqual([0, 1, 3]);
  });
});
