import { inspect } from 'node:util';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretsManagerSecretStore } from '../../../lambdas/adapters/secret-store/secrets-manager-secret-store.js';
import type { RunLogger } from '../../../lambdas/core/run-logger.js';
import { renderTextReport } from '../../../lambdas/core/report/render-text-report.js';
import { SECRET_NAME, startRotationTenant } from './rotation-harness.js';

/** Everything a run could leak through: logger calls, stdout, stderr, console, client events. */
function capture() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(args.map((arg) => (typeof arg === 'string' ? arg : `${JSON.stringify(arg)} ${inspect(arg, { depth: 10 })}`)).join(' '));
  };
  const logger: RunLogger = { debug: record, info: record, warn: record, error: record };
  const stream = (chunk: unknown) => (record(String(chunk)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(stream);
  vi.spyOn(process.stderr, 'write').mockImplementation(stream);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, method).mockImplementation(record);
  return { logger, text: () => lines.join('\n'), count: () => lines.length };
}

const sm = mockClient(SecretsManagerClient);
afterEach(() => {
  vi.restoreAllMocks();
  sm.reset();
});

describe('rotation secrets', () => {
  it('appear nowhere but the store during a full rotation and retirement', async () => {
    const tenant = await startRotationTenant();
    const out = capture();

    const rotation = await tenant.run({ logger: out.logger });
    tenant.setDay(7);
    const retirement = await tenant.run({ logger: out.logger });

    const stored = await tenant.store.read(SECRET_NAME);
    const secret = tenant.sandbox.state.secretOf(stored?.clientId ?? '') ?? '';
    expect(secret).toMatch(/^[0-9a-f]{32,}$/);
    expect(stored?.clientSecret).toBe(secret); // the store has it: the checks below can fail
    expect(out.count()).toBeGreaterThan(0);
    const everything = [
      out.text(),
      JSON.stringify([rotation, retirement]),
      inspect([rotation, retirement], { depth: 20 }),
      renderTextReport(rotation),
      renderTextReport(retirement),
      JSON.stringify(tenant.events),
      JSON.stringify(stored),
      inspect(stored),
    ].join('\n');
    expect(everything).not.toContain(secret);
    expect(retirement.actions.map((a) => a.action)).toEqual(['disable']);
  });

  it('stay out of errors and logs when the store echoes the value in its error', async () => {
    const tenant = await startRotationTenant();
    const out = capture();
    const seen: string[] = [];
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('none'), { name: 'ResourceNotFoundException', $metadata: {} }));
    sm.on(CreateSecretCommand).callsFake((input: { SecretString?: string }) => {
      seen.push((JSON.parse(input.SecretString ?? '{}') as { clientSecret: string }).clientSecret);
      throw Object.assign(new Error(`invalid value ${input.SecretString}`), { name: 'InvalidRequestException', $metadata: {} });
    });

    const report = await tenant.run({ store: new SecretsManagerSecretStore({ client: new SecretsManagerClient({ region: 'eu-west-1' }) }), logger: out.logger });

    expect(seen[0]).toMatch(/^[0-9a-f]{32,}$/);
    expect(report.actions[0]).toMatchObject({ outcome: 'failed' });
    const everything = [out.text(), JSON.stringify(report), renderTextReport(report), JSON.stringify(tenant.events)].join('\n');
    expect(everything).not.toContain(seen[0]);
  });
});
