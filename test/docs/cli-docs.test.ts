import { describe, expect, it } from 'vitest';
import { BENCH_USAGE } from '../../bench/parse-bench-args.js';
import { COMMAND_SPECS, COMMANDS, FLAGS, type Command, type FlagName } from '../../bin/cli/cli-commands.js';
import { SCOPES_DOC, USAGE } from '../../bin/cli/cli-usage.js';
import { FLAG_TABLE_END, FLAG_TABLE_START, flagTableMarkdown } from '../../bin/cli/flag-table-markdown.js';
import { TENANTS_SUBCOMMANDS } from '../../bin/cli/tenants-command.js';
import { SANDBOX_USAGE } from '../../sandbox/parse-sandbox-args.js';
import { projectDocuments, readMarkdownDocument } from './markdown-document.js';

/**
 * One source for help and docs: the command table (bin/cli/cli-commands.ts) drives the parser and
 * every --help; these checks hold the README and docs/ to it.
 */
const documents = projectDocuments();

/** Every `npm run janitor -- <command> <rest of the line>` in the documentation, code blocks included. */
function invocations(): { where: string; command: string; rest: string }[] {
  return documents.flatMap((doc) =>
    [...doc.text.matchAll(/npm run janitor -- ([^\s`]+)([^`\n#]*)/g)].map((match) => ({ where: doc.path, command: match[1] ?? '', rest: match[2] ?? '' })),
  );
}

const flagsIn = (text: string): string[] => [...text.matchAll(/(?:^|[\s[(|])--([a-z][a-z0-9-]*)/g)].map((match) => match[1] ?? '');

describe('the documentation names only commands and flags the CLI has', () => {
  it('finds the invocations it checks', () => {
    expect(invocations().length).toBeGreaterThan(20);
  });

  it('every `npm run janitor -- COMMAND --flag` is a command with that flag', () => {
    const wrong: string[] = [];
    for (const { where, command, rest } of invocations()) {
      if (command === '--help' || command === '<command>') continue;
      if (!(COMMANDS as readonly string[]).includes(command)) {
        wrong.push(`${where}: no command "${command}"`);
        continue;
      }
      const own = COMMAND_SPECS[command as Command].flags as readonly string[];
      for (const flag of flagsIn(rest)) if (flag !== 'help' && !own.includes(flag)) wrong.push(`${where}: ${command} has no --${flag}`);
      const sub = /^\s*([a-z]+)/.exec(rest)?.[1];
      if (command === 'tenants' && sub !== undefined && !(TENANTS_SUBCOMMANDS as readonly string[]).includes(sub)) wrong.push(`${where}: no "tenants ${sub}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('every `--flag` the documentation shows in code is a flag of the janitor, the bench or the sandbox', () => {
    const known = new Set([...Object.keys(FLAGS), ...flagsIn(BENCH_USAGE), ...flagsIn(SANDBOX_USAGE)]);
    const unknown: string[] = [];
    for (const doc of documents) {
      // Inline code only: code blocks also hold the AWS CLI's, curl's and cdk's flags.
      const prose = doc.text.replace(/```[\s\S]*?```/g, '');
      for (const span of prose.match(/`[^`\n]+`/g) ?? []) {
        if (/^`(aws|npx cdk|curl) /.test(span)) continue;
        for (const flag of flagsIn(span.slice(1, -1))) if (!known.has(flag)) unknown.push(`${doc.path}: ${span}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('the check can fail: a command or flag that does not exist is found', () => {
    expect(flagsIn('plan --polcy x.json --json=out')).toEqual(['polcy', 'json']);
    expect(COMMANDS).not.toContain('purge');
    expect(COMMAND_SPECS.plan.flags).not.toContain('dry-run' as FlagName);
  });
});

describe('the README', () => {
  const readme = readMarkdownDocument('README.md');

  it('has one row per command in its command table, and no other', () => {
    const rows = [...readme.text.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(rows).toEqual([...COMMANDS]);
  });
});

describe('docs/cli.md', () => {
  const cli = readMarkdownDocument('docs/cli.md');

  it('holds the flag table generated from the command table', () => {
    const start = cli.text.indexOf(FLAG_TABLE_START);
    const end = cli.text.indexOf(FLAG_TABLE_END);
    expect(start, `docs/cli.md needs the generated table between its markers:\n${flagTableMarkdown()}`).toBeGreaterThanOrEqual(0);
    // On a mismatch, the expected text is the table to paste.
    expect(cli.text.slice(start, end + FLAG_TABLE_END.length)).toBe(flagTableMarkdown());
  });

  it('has one row per command in its command table', () => {
    const rows = [...cli.text.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]).filter((name) => (COMMANDS as readonly string[]).includes(name ?? ''));
    expect(rows).toEqual([...COMMANDS]);
  });
});

describe('scopes per feature', () => {
  it('sit in one table, the one the help of plan and run points to', () => {
    const [path, anchor] = SCOPES_DOC.split('#');
    expect(readMarkdownDocument(path!).anchors).toContain(anchor);
    for (const command of ['plan', 'run'] as const) expect(USAGE[command]).toContain(SCOPES_DOC);
    const tables = documents.filter((doc) => /^\| feature \| PAT scopes \|/m.test(doc.text)).map((doc) => doc.path);
    expect(tables).toEqual([path]);
  });

  it('every scope the help names is in that table', () => {
    const table = readMarkdownDocument(SCOPES_DOC.split('#')[0]!).text;
    for (const scope of USAGE.plan.match(/sp:[a-z-]+:[a-z]+/g) ?? []) expect(table).toContain(`\`${scope}\``);
  });
});
