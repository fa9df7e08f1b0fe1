import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SANDBOX = join(import.meta.dirname, '..', '..', 'sandbox');

describe('sandbox imports', () => {
  it('borrow nothing from the janitor: a fake ISC written from the spec, not from our decoders', () => {
    const offenders = readdirSync(SANDBOX, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      // A pure text helper (did-you-mean for its own flags) is no ISC knowledge: the one import allowed.
      .filter((file) => /from '(\.\.\/)+lambdas\/(?!core\/closest-match\.js')/.test(readFileSync(join(SANDBOX, file), 'utf8')))
      .map((file) => relative(SANDBOX, join(SANDBOX, file)));
    expect(offenders).toEqual([]);
  });
});
