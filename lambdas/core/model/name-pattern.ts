import { RE2JS } from 're2js';

/**
 * A client-name pattern (`exempt.names`, `rotation.names`), run by RE2 (re2js, a pure-JS port).
 *
 * Client names come from the tenant, so anyone who may name a client chooses the input: with a
 * backtracking engine, `^(a+)+$` against `aaaa…!` runs for minutes and stalls the nightly run.
 * RE2 matches in time linear in the name, whatever the pattern, and refuses the constructs that
 * need backtracking (backreferences, lookaround) at validation instead. It is plain JavaScript,
 * so it runs unchanged in the arm64 Lambda bundle. RE2 matches by code point with Unicode
 * classes built in: `\p{Lu}` matches `É`, and `.` matches one emoji.
 */
export interface NamePattern {
  /** The pattern as written in the policy. */
  readonly source: string;
  /** True when the pattern matches anywhere in `name` (anchor with `^...$` for a whole name). */
  test(name: string): boolean;
}

/** Compile a pattern already accepted by `namePatternProblem` (a parsed policy's). */
export function compileNamePattern(source: string): NamePattern {
  const re2 = RE2JS.compile(source);
  return { source, test: (name) => re2.test(name) };
}

/**
 * Why `source` is not a usable name pattern, with the fix; undefined when it is. Never quotes
 * the pattern back: a config error must not echo what was pasted into the field.
 */
export function namePatternProblem(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    if (/\\[1-9]|\\k</.test(source)) {
      return 'uses a backreference, which needs a backtracking engine; name patterns run on RE2 (linear time): match the text itself instead';
    }
    if (/\(\?<?[=!]/.test(source)) {
      return 'uses lookahead or lookbehind, which needs a backtracking engine; name patterns run on RE2 (linear time): rewrite it without (?= (?! (?<= (?<!, or list the clients in exempt.ids';
    }
    if (/\\u/.test(source)) return 'uses \\uXXXX, which RE2 does not know: write the character as \\x{XXXX}';
    return `is not a valid RE2 regular expression (${re2Reason(error)}); fix the pattern`;
  }
}

/** RE2's own words without the quoted part of the pattern: `missing closing ]`. */
function re2Reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error parsing regexp: /, '').replace(/:\s*`[\s\S]*`\s*$/, '');
}
