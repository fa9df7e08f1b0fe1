import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOSTILE_TRACKING_ID, RAW_HIDDEN, startHostileNamesIsc } from '../support/hostile-names-isc.js';
import { startHostileServer, tokenReply } from '../support/hostile-server.js';
import { envelopeOf, lambdaContext, rejectionOf, secretsMock, startHandlerHarness } from './handler-harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createHandler against spoofing names and tracking ids', () => {
  it('keeps every log line and the emailed text free of escape sequences and invisible characters', async () => {
    const isc = await startHostileNamesIsc();
    const h = await startHandlerHarness({ env: { JANITOR_POLICY: JSON.stringify({ mode: 'enforce', limits: { maxFraction: 1 } }) } });
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ baseUrl: isc.url, clientId: 'j', clientSecret: 'janitor-secret-0123' }) });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    const { text, report } = envelopeOf(h.publishes()[0]);
    expect(report.counts.failed).toBe(1);
    expect(h.output.text()).not.toMatch(RAW_HIDDEN);
    expect(text).not.toMatch(RAW_HIDDEN);
    expect(text).toContain('payroll<U+200B>-export');
    expect(error.message).not.toMatch(RAW_HIDDEN);
    const failed = h.output.logs().find((line) => line.message === 'action' && line.outcome === 'failed');
    expect(failed).toMatchObject({ trackingId: '<U+202E>t-1' });
  });

  it('defuses an error thrown from outside text before the runtime logs it', async () => {
    const isc = await startHostileServer((request, res) => {
      if (request.path === '/oauth/token') return tokenReply(res);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detailCode: '400.1 Bad Request', trackingId: HOSTILE_TRACKING_ID, messages: [{ text: 'bad \u202Eevil\u009b2J' }] }));
    });
    const h = await startHandlerHarness();
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ baseUrl: isc.url, clientId: 'j', clientSecret: 'janitor-secret-0123' }) });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error.message).toContain('bad <U+202E>evil');
    expect(error.message).not.toMatch(RAW_HIDDEN);
    expect(error.stack).not.toMatch(RAW_HIDDEN);
    expect(h.output.text()).not.toMatch(RAW_HIDDEN);
  });
});
