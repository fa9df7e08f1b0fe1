/**
 * The night as a state machine (Amazon States Language), as plain data: the stack deploys it
 * with the two function ARNs substituted, and the tests validate it (asl-validator) and execute
 * it locally (aws-local-stepfunctions) with the tasks bound to the project's own handlers.
 *
 *   PickDueTenants -> RunTenants (Map: RunTenant, or TenantDeferred when Lambda throttled it,
 *   or TenantFailed when it threw) -> SummarizeFleet
 *
 * The execution's state (256 KB at most) must hold a thousand tenants' results on the worst
 * night: each result is `{ tenant, outcome, reason }` with the reason cut to the tick's
 * `reasonChars` by the janitor (see fleet-state-budget.ts), error names only from the Catch
 * states, and the Map's results replace the due list instead of sitting beside it.
 */

/** State names: the tests bind handlers to them. */
export const FLEET_STATES = {
  pick: 'PickDueTenants',
  map: 'RunTenants',
  run: 'RunTenant',
  failed: 'TenantFailed',
  deferred: 'TenantDeferred',
  summarize: 'SummarizeFleet',
} as const;

/**
 * Lambda's answer when the janitor's reserved concurrency is used up (ticks overlapping more than
 * the headroom allows): after the retries the tenant is deferred, its day given back, not failed.
 */
export const THROTTLED_ERROR = 'Lambda.TooManyRequestsException';

/** Placeholders the stack fills with `definitionSubstitutions`. */
export const FLEET_FUNCTION_ARN = '${FleetFunctionArn}';
export const JANITOR_FUNCTION_ARN = '${JanitorFunctionArn}';

/**
 * Errors a retry cannot cure: bad configuration or credentials, a tenant another run holds, a
 * run that used up its Lambda time. Everything else (ISC unreachable or answering 5xx after the
 * client's own retries, Lambda throttled or unavailable) is retried per tenant.
 */
export const PERMANENT_ERRORS = ['ConfigError', 'IscAuthError', 'TenantBusyError', 'JanitorRunError', 'Sandbox.Timedout', 'States.Timeout'] as const;

export interface FleetDefinitionOptions {
  /** Tenant runs in flight at once (the Map's MaxConcurrency). */
  readonly maxConcurrency: number;
  /** The janitor function's timeout: a tenant's task is given up a minute after it. */
  readonly janitorTimeoutSeconds: number;
  /** Retries of a tenant that threw a transient error. @default 2 */
  readonly tenantRetries?: number;
  /** Seconds before the first retry (doubling, with full jitter). @default 60 */
  readonly retryIntervalSeconds?: number;
}

/** Retries for the fleet function's own steps: anything but bad configuration, three times. */
const FLEET_STEP_RETRY = [
  { ErrorEquals: ['ConfigError'], MaxAttempts: 0 },
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' },
] as const;

export function fleetDefinition(options: FleetDefinitionOptions): Record<string, unknown> {
  return {
    Comment: 'isc-oauth-janitor: one tick of the night. Claims the tenants due in their own time zone, runs each once, summarizes.',
    StartAt: FLEET_STATES.pick,
    States: {
      [FLEET_STATES.pick]: {
        Type: 'Task',
        Resource: FLEET_FUNCTION_ARN,
        Parameters: { step: 'pick-due', 'execution.$': '$$.Execution.Id', 'time.$': '$$.Execution.StartTime' },
        ResultPath: '$.picked',
        TimeoutSeconds: 300,
        Retry: FLEET_STEP_RETRY,
        Next: FLEET_STATES.map,
      },
      [FLEET_STATES.map]: {
        Type: 'Map',
        ItemsPath: '$.picked.due',
        MaxConcurrency: options.maxConcurrency,
        ItemSelector: {
          'tenant.$': '$$.Map.Item.Value.tenant',
          fleet: { 'runDay.$': '$$.Map.Item.Value.runDay', 'execution.$': '$$.Execution.Id', 'reasonChars.$': '$.picked.reasonChars' },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: FLEET_STATES.run,
          States: {
            [FLEET_STATES.run]: {
              Type: 'Task',
              Resource: JANITOR_FUNCTION_ARN,
              TimeoutSeconds: options.janitorTimeoutSeconds + 60,
              Retry: [
                { ErrorEquals: [...PERMANENT_ERRORS], MaxAttempts: 0 },
                {
                  ErrorEquals: ['States.ALL'],
                  IntervalSeconds: options.retryIntervalSeconds ?? 60,
                  MaxAttempts: options.tenantRetries ?? 2,
                  BackoffRate: 2,
                  JitterStrategy: 'FULL',
                },
              ],
              // One tenant's failure never stops the others: it becomes that tenant's result.
              Catch: [
                { ErrorEquals: [THROTTLED_ERROR], ResultPath: '$.error', Next: FLEET_STATES.deferred },
                { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: FLEET_STATES.failed },
              ],
              End: true,
            },
            [FLEET_STATES.deferred]: {
              Type: 'Pass',
              // The summary gives the day back (runDay), so a later tick of the night runs the tenant.
              Parameters: { 'tenant.$': '$.tenant', outcome: 'deferred', 'reason.$': '$.error.Error', 'runDay.$': '$.fleet.runDay' },
              End: true,
            },
            [FLEET_STATES.failed]: {
              Type: 'Pass',
              // The error's name only: its cause (a stack trace) stays in the execution history,
              // so a thousand failures cannot outgrow the execution's 256 KB state.
              Parameters: { 'tenant.$': '$.tenant', outcome: 'failed', 'reason.$': '$.error.Error' },
              End: true,
            },
          },
        },
        // The results take the due list's place: both side by side would double the state.
        ResultPath: '$.picked.due',
        Next: FLEET_STATES.summarize,
      },
      [FLEET_STATES.summarize]: {
        Type: 'Task',
        Resource: FLEET_FUNCTION_ARN,
        Parameters: {
          step: 'summarize',
          'execution.$': '$$.Execution.Id',
          'runs.$': '$.picked.due',
          'passed.$': '$.picked.passed',
          'invalid.$': '$.picked.invalid',
        },
        TimeoutSeconds: 120,
        Retry: FLEET_STEP_RETRY,
        End: true,
      },
    },
  };
}

/** The definition with concrete ARNs, as Step Functions sees it after substitution. */
export function substituteFleetArns(definition: Record<string, unknown>, arns: { readonly fleet: string; readonly janitor: string }): Record<string, unknown> {
  const text = JSON.stringify(definition).replaceAll(FLEET_FUNCTION_ARN, arns.fleet).replaceAll(JANITOR_FUNCTION_ARN, arns.janitor);
  return JSON.parse(text) as Record<string, unknown>;
}
