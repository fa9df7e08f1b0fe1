import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  DashboardVariable,
  DefaultValue,
  GraphWidget,
  SingleValueWidget,
  Stats,
  TextWidget,
  Values,
  VariableInputType,
  VariableType,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { janitorMetric, METRICS_NAMESPACE, SELECTED_TENANT, type JanitorMetricName } from './janitor-metric.js';

export interface FleetDashboardProps {
  readonly dashboardName: string;
  readonly function: IFunction;
  readonly stateMachine: IStateMachine;
  readonly alarms: readonly IAlarm[];
}

/**
 * One dashboard for the whole fleet (CloudWatch bills per dashboard past the free three). The top
 * rows show every tenant together: the night's outcome, failures, alarms. The rows below show one
 * tenant over four weeks, chosen in the dashboard's tenant selector: a property variable on the
 * `Tenant` dimension, its choices found by a metric search, so a tenant added to the registry
 * appears there after its first run, without a deploy.
 */
export class FleetDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: FleetDashboardProps) {
    super(scope, id);
    const tenant = (name: JanitorMetricName, label: string) => janitorMetric(name, SELECTED_TENANT, { label });
    const fleet = (name: JanitorMetricName, label: string) => janitorMetric(name, undefined, { label });
    const inventory = [tenant('ClientsTotal', 'Total'), tenant('ClientsStale', 'Stale'), tenant('ClientsNeverUsed', 'Never used')];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(28),
      variables: [
        new DashboardVariable({
          id: 'tenant',
          label: 'Tenant',
          type: VariableType.PROPERTY,
          value: 'Tenant',
          inputType: VariableInputType.SELECT,
          values: Values.fromSearchComponents({ namespace: METRICS_NAMESPACE, dimensions: ['service', 'Tenant'], metricName: 'ClientsTotal', populateFrom: 'Tenant' }),
          defaultValue: DefaultValue.FIRST,
          visible: true,
        }),
      ],
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# ISC OAuth clients: the fleet\nTop: every tenant, one point per night. Below: the tenant chosen in the **Tenant** selector above. ' +
          'Actions count what enforce mode did; in report mode they stay 0 (the emailed report lists the plan).',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Nightly tenant runs (all tenants)',
        left: [fleet('TenantRunsOk', 'Ok'), fleet('TenantRunsFailed', 'Failed'), fleet('TenantRunsBlocked', 'Blocked')],
        width: 8,
        height: 6,
      }),
      new GraphWidget({
        title: 'Failures (all tenants)',
        left: [
          fleet('ActionsFailed', 'Actions failed'),
          fleet('RunBlocked', 'Runs blocked'),
          props.stateMachine.metricFailed({ period: Duration.days(1), statistic: Stats.SUM, label: 'Ticks failed' }),
          props.function.metricErrors({ period: Duration.days(1), statistic: Stats.SUM, label: 'Function errors' }),
        ],
        width: 8,
        height: 6,
      }),
      new AlarmStatusWidget({ title: 'Alarms (all tenants)', alarms: [...props.alarms], width: 8, height: 6 }),
    );
    this.dashboard.addWidgets(
      new SingleValueWidget({ title: 'Selected tenant: latest run', metrics: inventory, width: 12, height: 4 }),
      new GraphWidget({ title: 'Selected tenant: run duration (ms)', left: [tenant('RunDuration', 'Longest run')], width: 12, height: 4 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Selected tenant: clients', left: inventory, width: 12, height: 6 }),
      new GraphWidget({
        title: 'Selected tenant: actions per run',
        left: [tenant('ClientsDisabled', 'Disabled'), tenant('ClientsDeleted', 'Deleted'), tenant('ClientsRotated', 'Rotated'), tenant('ActionsFailed', 'Failed'), tenant('RunBlocked', 'Blocked')],
        width: 12,
        height: 6,
      }),
    );
  }
}

