import { describe, expect, it } from 'vitest';
import { compileNamePattern, namePatternProblem } from '../../../lambdas/core/model/name-pattern.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluateTenant } from '../../../lambdas/core/plan/evaluate-tenant.js';
import { managedClientNames } from '../../../lambdas/core/plan/managed-client-names.js';
import { daysAgo, makeClient, NOW } from '../make-client.js';

describe('compileNamePattern', () => {
  it('matches anywhere in the name unless anchored, like a JavaScript RegExp', () => {
    expect(compileNamePattern('svc-').test('my-svc-payroll')).toBe(true);
    expect(compileNamePattern('^svc-').test('my-svc-payroll')).toBe(false);
    expect(compileNamePattern('^payroll-export$').test('payroll-export')).toBe(true);
    expect(compileNamePattern('(?i)^CI-').test('ci-build')).toBe(true);
  });

  it('has Unicode semantics: \\p{Lu} matches an accented capital, . matches one emoji', () => {
    expect(compileNamePattern('^\\p{Lu}').test('Équipe paie')).toBe(true);
    expect(compileNamePattern('^\\p{Lu}').test('équipe paie')).toBe(false);
    expect(compileNamePattern('^.$').test('😀')).toBe(true);
    expect(compileNamePattern('\\x{200B}').test('payroll\u200b-export')).toBe(true);
  });

  it('runs the classic catastrophic pattern against 10,000 hostile 5,000-character names to the end', () => {
    const names = Array.from({ length: 10_000 }, (_, index) => `${'a'.repeat(5_000)}${index % 2 === 0 ? '!' : ''}`);
    const pattern = compileNamePattern('^(a+)+$');
    const matched = names.filter((name) => pattern.test(name)).length;
    expect(matched).toBe(5_000);
  });
});

describe('namePatternProblem', () => {
  it.each(['^ci-', '^(a+)+$', '\\p{Lu}\\p{Ll}+', '(?i)bot$', '(?P<team>[a-z]+)-', '(?<team>[a-z]+)-', '[[:alpha:]]', '\\x{E9}'])(
    'accepts %s',
    (source) => {
      expect(namePatternProblem(source)).toBeUndefined();
    },
  );

  it.each([
    ['^(a)\\1$', 'backreference'],
    ['^(?<x>a)\\k<x>$', 'backreference'],
    ['^ci-(?!prod)', 'lookahead or lookbehind'],
    ['(?=a)', 'lookahead or lookbehind'],
    ['(?<=x)y', 'lookahead or lookbehind'],
    ['(?<!x)y', 'lookahead or lookbehind'],
    ['\\u00e9', 'write the character as \\x{XXXX}'],
    ['(unclosed', 'not a valid RE2 regular expression (missing closing ))'],
    ['a{1001}', 'not a valid RE2 regular expression (invalid repeat count)'],
  ])('refuses %s, saying why and what to do', (source, words) => {
    const problem = namePatternProblem(source);
    expect(problem).toContain(words);
  });

  it('does not quote the pattern back (a secret pasted into the field must not reach an error)', () => {
    expect(namePatternProblem('[s3cr3t-value')).not.toContain('s3cr3t');
  });
});

describe('name patterns in a run', () => {
  const hostile = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      makeClient({ id: `hostile-${index}`, name: `${'a'.repeat(5_000)}!`, lastUsed: daysAgo(100) }),
    );

  it('evaluates 10,000 clients with hostile names under a catastrophic exempt pattern', () => {
    const policy = parsePolicy({ exempt: { names: ['^(a+)+$'] } });
    const evaluation = evaluateTenant({ clients: hostile(10_000), policy, now: NOW, selfClientId: 'self' });
    expect(evaluation.counts).toMatchObject({ total: 10_000, exempt: 0, stale: 10_000 });
  });

  it('finds managed names under a catastrophic rotation pattern', () => {
    const policy = parsePolicy({ rotation: { enabled: true, names: ['^(a+)+$', '^\\p{Lu}'] } });
    const clients = [...hostile(2_000), makeClient({ name: 'Équipe' })];
    expect(managedClientNames(clients, policy)).toEqual(['Équipe']);
  });
});
