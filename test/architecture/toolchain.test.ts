import { describe, expect, it } from 'vitest';

describe('toolchain', () => {
  it('runs on Node.js 24, the Lambda runtime (the node@24 dev dependency)', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
