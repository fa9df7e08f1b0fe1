import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: IForbiddenRuleType[]; options: object };

async function violations(baseDir: string, roots: string[]): Promise<string[]> {
  const result = await cruise(roots, { ...config.options, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true }, undefined, {
    tsConfig: { fileName: join(ROOT, 'tsconfig.json') },
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('layering (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('finds no back-import, cycle or impure core import in the project', async () => {
    expect(await violations(ROOT, ['lambdas', 'bin', 'lib'])).toEqual([]);
  });

  it('fails a core module that imports the app layer, an HTTP client or node I/O', async () => {
    const found = await violations(join(import.meta.dirname, 'fixture'), ['lambdas']);

    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^core-is-pure: lambdas\/core\/decide\.ts -> lambdas\/app\/run-something\.ts$/),
        expect.stringMatching(/^core-is-pure: lambdas\/core\/decide\.ts -> .*ky/),
        expect.stringMatching(/^core-is-pure: lambdas\/core\/decide\.ts -> (node:)?fs$/),
      ]),
    );
  });

  it('fails any module but the door that takes the destructive half of the ISC port, and lets the door take it', async () => {
    const found = await violations(join(import.meta.dirname, 'fixture'), ['lambdas']);

    expect(found).toEqual(
      expect.arrayContaining([
        'only-the-door-removes: lambdas/app/actions/sneaky-delete.ts -> lambdas/core/credential-removal.ts',
        'only-composition-roots-take-the-removal: lambdas/app/actions/sneaky-delete.ts -> lambdas/adapters/isc/isc-removal.ts',
      ]),
    );
    expect(found.filter((violation) => violation.includes('lambdas/app/door/'))).toEqual([]);
  });
});
