import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cfnLint, formatCfnLintFinding } from '../support/cfn-lint.js';
import type { CfnLintFinding } from '../support/cfn-lint.js';
import { buildStack, buildStackFromContext } from './build-janitor-stack.js';
import type { BuiltStack } from './build-janitor-stack.js';

/**
 * Findings we keep, each with the reason. Nothing else may appear.
 *
 * W3005: aws-cdk-lib's lambda.Function (all three of ours) always declares DependsOn on its role and the
 * role's default policy. The policy entry matters (the function must not exist before its permissions); the role
 * entry repeats what the `Fn::GetAtt` on the role already implies. Harmless, and CDK's output, not
 * ours: removing it would mean overriding the synthesized template.
 */
const KNOWN: readonly { readonly rule: string; readonly path: RegExp; readonly message: RegExp }[] = [
  { rule: 'W3005', path: /^Resources\/(Janitor|Fleet|Rotation)Function[0-9A-F]{8}\/DependsOn\/\d+$/, message: /^'(Janitor|Fleet|RotationFunction)Role[0-9A-F]{8}' dependency already enforced by a 'GetAtt'/ },
  // The same for stepfunctions.StateMachine: DependsOn its role (implied) and the role's policy (needed).
  { rule: 'W3005', path: /^Resources\/NightStateMachine[0-9A-F]{8}\/DependsOn\/\d+$/, message: /^'NightStateMachineRole[0-9A-F]{8}' dependency already enforced by a 'GetAtt'/ },
];

const isKnown = (finding: CfnLintFinding): boolean =>
  KNOWN.some((known) => known.rule === finding.rule && known.path.test(finding.path) && known.message.test(finding.message));

/** The template file `cdk synth` writes for the stack (the app synthesizes into its own temp dir). */
function templateFile(built: BuiltStack): string {
  return built.app.synth().getStackByName(built.stack.stackName).templateFullPath;
}

const files = { single: '', full: '', broken: '' };
let findings: CfnLintFinding[];

beforeAll(async () => {
  files.single = templateFile(buildStack());
  files.full = templateFile(
    buildStackFromContext({
      reportEmails: ['owner@example.com'],
      alarmEmails: ['oncall@example.com'],
      reservedConcurrency: 'none',
      managedSecretsKmsKey: true,
    }),
  );
  files.broken = join(mkdtempSync(join(tmpdir(), 'cfn-lint-')), 'broken.template.json');
  writeFileSync(files.broken, JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 'soon' } } } }));
  // One cfn-lint process for all three: its start-up is most of its cost.
  findings = await cfnLint([files.single, files.full, files.broken]);
}, 120_000); // two synths and a Python start-up: generous, because a loaded CI machine is slow

const unexpectedIn = (file: string): string[] => findings.filter((f) => f.file === file && !isKnown(f)).map(formatCfnLintFinding);

describe('cfn-lint on the synthesized JanitorStack', () => {
  it('finds nothing beyond the known findings in the default stack', () => {
    expect(unexpectedIn(files.single)).toEqual([]);
  });

  it('finds nothing beyond the known findings with emails, no reservation and a managed-secrets key', () => {
    expect(unexpectedIn(files.full)).toEqual([]);
  });

  it('still sees every known finding (drop one from KNOWN once CDK stops producing it)', () => {
    for (const known of KNOWN) {
      expect(findings.some((f) => f.file === files.single && known.rule === f.rule && known.path.test(f.path)), known.rule).toBe(true);
    }
  });

  it('reports an error in a template that has one (the linter really runs)', () => {
    expect(findings.filter((f) => f.file === files.broken).map((f) => `${f.level} ${f.path}`)).toContainEqual('Error Resources/Queue/Properties/VisibilityTimeout');
  });
});
