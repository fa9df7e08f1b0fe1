/**
 * The night as a state machine (Amazon States Language), as plain data: the stack deploys it
 * with the two function ARNs substituted, and the tests validate it (asl-validator) and execute
 * it locally (aws-local-stepfunctions) with the tasks bound to the project's own handlers.
 *
 *   PickDueTenants -> RunTenants (Map: RunTenant, or TenantFailed when it threw) -> SummarizeFleet
 */

/** State names: the tests bind handlers to them. */
export const FLEET_STATES = {
  pick: 'PickDueTenants',
  map: 'RunTenants',
  run: 'RunTenant',
  failed: 'TenantFailed',
  summarize: 'SummarizeFleet',
} as const;

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
          fleet: { 'runDay.$': '$$.Map.Item.Value.runDay', 'execution.$': '$$.Execution.Id' },
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
              Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: FLEET_STATES.failed }],
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
        ResultPath: '$.runs',
        Next: FLEET_STATES.summarize,
      },
      [FLEET_STATES.summarize]: {
        Type: 'Task',
        Resource: FLEET_FUNCTION_ARN,
        Parameters: {
          step: 'summarize',
          'execution.$': '$$.Execution.Id',
          'runs.$': '$.runs',
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
