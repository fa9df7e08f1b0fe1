import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { FleetSchedule } from './fleet-schedule.js';
import type { FleetStateMachine } from './fleet-state-machine.js';
import type { JanitorFunction } from './janitor-function.js';
import { janitorMetric } from './janitor-metric.js';

export interface FailureAlarmProps {
  /** Counts failures; any value of 1 or more in a period raises the alarm. */
  readonly metric: IMetric;
  /** What went wrong and where to look: this text is the notification people read. */
  readonly description: string;
  readonly topic: ITopic;
}

/**
 * "Something failed at least once" alarm. Missing data is fine: a tenant runs once a night and
 * emits nothing in between, which must not read as a breach.
 */
export function failureAlarm(scope: Construct, id: string, props: FailureAlarmProps): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(props.topic));
  return alarm;
}

export interface FleetAlarmsProps {
  readonly janitor: JanitorFunction;
  readonly schedule: FleetSchedule;
  readonly stateMachine: FleetStateMachine;
  readonly dashboardName: string;
  readonly topic: ITopic;
}

/**
 * The alarms, each over every tenant at once (the fleet-wide series, without `Tenant`): the same
 * seven alarms for 1 tenant or 1,000. Each description says what happened and where to look
 * first, because it is the text of the notification someone reads at 3 a.m.
 */
export function fleetAlarms(scope: Construct, props: FleetAlarmsProps): Alarm[] {
  const hourly = { period: Duration.hours(1) };
  const janitorLogs = props.janitor.logGroup.logGroupName;
  const executions = `the state machine's executions (Step Functions console, ${props.stateMachine.stateMachine.stateMachineName})`;
  const alarm = (id: string, metric: IMetric, description: string) => failureAlarm(scope, id, { metric, description: `isc-oauth-janitor: ${description}`, topic: props.topic });
  const alarms = [
    alarm(
      'ActionsFailedAlarm',
      janitorMetric('ActionsFailed', undefined, hourly),
      `an action (disable, delete, rotate) failed for a tenant. The run report email names the tenant, the client and the ISC tracking id; or pick the tenant on the dashboard ${props.dashboardName}; or search the log group ${janitorLogs} for outcome "failed".`,
    ),
    alarm(
      'RunBlockedAlarm',
      janitorMetric('RunBlocked', undefined, hourly),
      `a run was blocked: the guard stopped a plan larger than the limits allow (the report says which tenant and why), or another run held the tenant's lease (the log group ${janitorLogs} names the holder).`,
    ),
    alarm(
      'TenantRunsFailedAlarm',
      janitorMetric('TenantRunsFailed', undefined, hourly),
      `a tenant's nightly run failed after its retries. The execution's output lists every failed tenant with its error; see ${executions}, or the log line "fleet summary" in the fleet function's log group.`,
    ),
    alarm(
      'StateMachineFailedAlarm',
      props.stateMachine.stateMachine.metricFailed({ ...hourly, statistic: Stats.SUM }),
      `a nightly tick failed as a whole (picking the due tenants or summarizing failed): tenants claimed by it did not run tonight. See ${executions} and the state machine's log group ${props.stateMachine.logGroup.logGroupName}.`,
    ),
    alarm(
      'FunctionErrorsAlarm',
      props.janitor.function.metricErrors({ ...hourly, statistic: Stats.SUM }),
      `the janitor function failed (a run threw, timed out, or an on-demand run ended failed or blocked); see its log group ${janitorLogs}.`,
    ),
    alarm(
      'UndeliveredTicksAlarm',
      props.schedule.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...hourly, statistic: Stats.MAXIMUM }),
      'the scheduler could not start the nightly state machine; the undelivered start is in the FleetSchedule Undelivered queue, with the reason in its attributes.',
    ),
  ];
  if (props.janitor.deadLetterQueue) {
    alarms.push(
      alarm(
        'FailedRunsAlarm',
        props.janitor.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...hourly, statistic: Stats.MAXIMUM }),
        `an asynchronous on-demand run failed after the Lambda retry; its event is in the Janitor FailedRuns queue and its error in the log group ${janitorLogs}.`,
      ),
    );
  }
  return alarms;
}
