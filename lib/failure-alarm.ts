import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { JanitorFunction } from './janitor-function.js';
import type { ScheduleDelivery } from './schedule-delivery.js';

export interface FailureAlarmProps {
  /** Counts failures; any value of 1 or more in a period raises the alarm. */
  readonly metric: IMetric;
  /** What went wrong and where to look: this text is the notification people read. */
  readonly description: string;
  readonly topic: ITopic;
}

/**
 * "Something failed at least once" alarm. Missing data is fine: the janitor runs once a night
 * and emits nothing in between, which must not read as a breach.
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

/** Failures that concern every tenant: the function erred, a run was given up, a schedule misfired. */
export function functionFailureAlarms(
  scope: Construct,
  props: { readonly janitor: JanitorFunction; readonly delivery: ScheduleDelivery; readonly topic: ITopic },
): Alarm[] {
  const hourly = { period: Duration.hours(1) };
  return [
    failureAlarm(scope, 'FunctionErrorsAlarm', {
      metric: props.janitor.function.metricErrors({ ...hourly, statistic: Stats.SUM }),
      description: 'isc-oauth-janitor: the function failed (a run threw or timed out); see its log group',
      topic: props.topic,
    }),
    failureAlarm(scope, 'FailedRunsAlarm', {
      metric: props.janitor.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...hourly, statistic: Stats.MAXIMUM }),
      description: 'isc-oauth-janitor: a run failed after the Lambda retry; its event is in the FailedRuns queue',
      topic: props.topic,
    }),
    failureAlarm(scope, 'UndeliveredSchedulesAlarm', {
      metric: props.delivery.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...hourly, statistic: Stats.MAXIMUM }),
      description: 'isc-oauth-janitor: the scheduler could not invoke the function; the event is in the ScheduleDelivery Undelivered queue',
      topic: props.topic,
    }),
  ];
}
