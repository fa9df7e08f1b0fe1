import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

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
