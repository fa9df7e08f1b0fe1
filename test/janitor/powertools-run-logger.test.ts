import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJanitorLogger, fitLine, powertoolsRunLogger } from '../../lambdas/janitor/powertools-run-logger.js';
import { captureOutput } from './capture-output.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('powertoolsRunLogger', () => {
  it('writes an ordinary line as it is, outside text made safe', () => {
    const output = captureOutput();
    powertoolsRunLogger(createJanitorLogger({ logLevel: 'INFO' })).info('action', { clientId: 'c\u202E1', outcome: 'done' });
    expect(output.logs()).toEqual([expect.objectContaining({ message: 'action', clientId: 'c<U+202E>1', outcome: 'done' })]);
  });

  it('never writes a line over 256 KB: an oversized one keeps its short fields and says what it dropped', () => {
    const output = captureOutput();
    const logger = powertoolsRunLogger(createJanitorLogger({ logLevel: 'INFO' }));

    logger.error('invocation failed', { reportId: 'r-1', count: 3, error: { message: 'x'.repeat(2_000_000) }, note: 'y'.repeat(5_000) });

    const text = output.text();
    expect(Buffer.byteLength(text)).toBeLessThan(256 * 1024);
    expect(output.logs()).toEqual([
      expect.objectContaining({ message: 'invocation failed', reportId: 'r-1', count: 3, oversized: { bytes: expect.any(Number), dropped: ['error', 'note'] } }),
    ]);
  });
});

describe('fitLine', () => {
  it('cuts an oversized message', () => {
    const [message, extra] = fitLine('m'.repeat(300_000), {});
    expect(message).toHaveLength(1_000);
    expect(extra).toEqual({ oversized: { bytes: 300_002, dropped: [] } });
  });
});
