import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pythonTool } from './python-tool.js';

/** One cfn-lint finding, flattened: `path` is the JSON path in the template, joined by `/`. */
export interface CfnLintFinding {
  readonly file: string;
  readonly rule: string;
  readonly level: 'Error' | 'Warning' | 'Informational';
  readonly path: string;
  readonly message: string;
}

interface RawFinding {
  readonly Filename: string;
  readonly Level: CfnLintFinding['level'];
  readonly Location: { readonly Path: readonly (string | number)[] };
  readonly Message: string;
  readonly Rule: { readonly Id: string };
}

/**
 * Runs AWS's CloudFormation linter (pinned in scripts/python-requirements.txt) on templates, in one
 * process: it takes about a second to start. Its default rule set: errors and warnings.
 */
export async function cfnLint(templatePaths: readonly string[]): Promise<CfnLintFinding[]> {
  // Findings are the answer here, not a failure: only a crash exits non-zero.
  const { stdout } = await promisify(execFile)(pythonTool('cfn-lint'), ['--format', 'json', '--non-zero-exit-code', 'none', '--', ...templatePaths], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as RawFinding[]).map((raw) => ({
    file: raw.Filename,
    rule: raw.Rule.Id,
    level: raw.Level,
    path: raw.Location.Path.join('/'),
    message: raw.Message,
  }));
}

export function formatCfnLintFinding(finding: CfnLintFinding): string {
  return `${finding.rule} ${finding.level} at ${finding.path}: ${finding.message}`;
}
