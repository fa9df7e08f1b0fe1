import { describe, expect, it } from 'vitest';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import type { ReportAction } from '../../../lambdas/core/report/run-report.js';
import { sampleReport } from './sample-report.js';

describe('renderTextReport', () => {
  it('shows a rotation\'s successor and where its secret is stored', () => {
    const rotation: ReportAction = {
      credential: 'oauth-client',
      clientId: 'id-ci',
      name: 'ci-deploy',
      action: 'rotate',
      reason: 'created 97 days ago (2026-08-18), maxAgeDays 90',
      outcome: 'done',
      successorId: 'id-ci-2',
      secretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:isc-oauth-janitor/clients/acme/ci-deploy',
    };
    const text = renderTextReport(sampleReport({ actions: [rotation] }));
    expect(text).toContain('  Rotated: 1\n');
    const lines = text.split('\n');
    const row = lines.findIndex((line) => /^ {2}rotate +done +ci-deploy +id-ci$/.test(line));
    expect(row).toBeGreaterThan(0);
    expect(lines.slice(row + 1, row + 4).map((line) => line.trim())).toEqual([
      'why: created 97 days ago (2026-08-18), maxAgeDays 90',
      'successor: id-ci-2',
      'secret: arn:aws:secretsmanager:eu-west-1:1:secret:isc-oauth-janitor/clients/acme/ci-deploy',
    ]);
  });
});
