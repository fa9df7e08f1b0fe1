import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.js';
import { encryptedLogGroup } from './encrypted-log-group.js';
import { LAMBDA_NODE_OPTIONS } from './lambda-node-options.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface JanitorFunctionProps {
  /** The handler module under the project root. @default 'lambdas/janitor/handler.ts' */
  readonly entry?: string;
  /** @default the janitor's description */
  readonly description?: string;
  /** @default the janitor role's description */
  readonly roleDescription?: string;
  /**
   * Keep async invocations that failed after Lambda's retry in a queue. Functions only ever
   * invoked synchronously (by the state machine) have nothing to keep. @default true
   */
  readonly asyncFailureQueue?: boolean;
  readonly timeout: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** `undefined`: no reservation (accounts with a low concurrency quota cannot reserve). */
  readonly reservedConcurrentExecutions: number | undefined;
  readonly logRetention: RetentionDays;
  /** The customer key the function's log group is encrypted with (createLogsKey). */
  readonly logEncryptionKey: IKey;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * A function of the janitor (the janitor itself, the fleet function) with its own role, log
 * group and on-failure queue, bundled the same way. The role gets no managed policy: log writing
 * is granted on this log group only, everything else by the stack's grants.
 */
export class JanitorFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Async invocations that failed after Lambda's retries (the event is kept for 14 days). */
  readonly deadLetterQueue: Queue | undefined;

  constructor(scope: Construct, id: string, props: JanitorFunctionProps) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.roleDescription ?? 'isc-oauth-janitor function: logs, tenant credentials, tenant registry, report topic, managed client secrets',
    });
    this.logGroup = encryptedLogGroup(this, 'Logs', { retention: props.logRetention, encryptionKey: props.logEncryptionKey });
    this.logGroup.grantWrite(this.role);
    this.deadLetterQueue =
      props.asyncFailureQueue === false ? undefined : deadLetterQueue(this, 'FailedRuns', "the function's async invocations (its on-failure destination)");

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description ?? 'Governs SailPoint ISC OAuth API clients: report, disable, delete, rotate',
      entry: join(PROJECT_ROOT, props.entry ?? 'lambdas/janitor/handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment, NODE_OPTIONS: LAMBDA_NODE_OPTIONS },
      // An async run (an on-demand invoke with --invocation-type Event) that throws is retried
      // once (ISC outages are usually short); every action re-checks the client first, so a second
      // attempt cannot act twice. The nightly runs are synchronous: the state machine retries them.
      ...(this.deadLetterQueue ? { retryAttempts: 1, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetterQueue) } : {}),
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // The pinned SDK from package-lock.json ships with the code, not the runtime's copy.
        bundleAwsSDK: true,
        // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
        banner: "import { createRequire as __janitorCreateRequire } from 'node:module';const require = __janitorCreateRequire(import.meta.url);",
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason:
        'No VPC: the function only calls the ISC API and AWS APIs over HTTPS. A VPC would add a NAT gateway (cost, a new failure point) to reach ISC on the internet, and no control over that traffic.',
    });
  }
}
