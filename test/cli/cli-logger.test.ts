import { describe, expect, it } from 'vitest';
import { cliLogger } from '../../bin/cli/cli-logger.js';

function stderr(isTTY: boolean) {
  let text = '';
  return { isTTY, write: (chunk: string) => (text += chunk), text: () => text };
}

describe('cliLogger', () => {
  it('prints progress lines with only the known fields when stderr is a TTY', () => {
    const out = stderr(true);
    const logger = cliLogger(out);

    logger.info('action', { clientId: 'c1', action: 'disable', outcome: 'done', clientSecret: 'never-shown', token: 'nor-this' });
    logger.debug('isc client', { type: 'retry' });

    expect(out.text()).toBe('[info] action clientId=c1 action=disable outcome=done\n');
  });

  it('prints only warnings when stderr is not a TTY (piped output stays clean)', () => {
    const out = stderr(false);
    const logger = cliLogger(out);

    logger.info('plan', { tenant: 'acme' });
    logger.error('action', { clientId: 'c1' });
    logger.warn('run blocked by the guard', { reason: 'over the limit' });

    expect(out.text()).toBe('[warning] run blocked by the guard reason=over the limit\n');
  });
});
