import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  SingleValueWidget,
  Stats,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { janitorMetric } from './janitor-metric.js';

export interface TenantDashboardProps {
  readonly dashboardName: string;
  readonly tenant: string;
  readonly function: IFunction;
  readonly alarms: readonly IAlarm[];
}

/**
 * One tenant at a glance, over four weeks: how many clients there are and how many are stale,
 * what each nightly run did, how long it took and whether it failed. The owner looks here
 * instead of reading logs.
 */
export class TenantDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: TenantDashboardProps) {
    super(scope, id);
    const { tenant } = props;
    const m = (name: Parameters<typeof janitorMetric>[0], label: string) => janitorMetric(name, tenant, { label });
    const inventory = [m('ClientsTotal', 'Total'), m('ClientsStale', 'Stale'), m('ClientsNeverUsed', 'Never used')];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(28),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ISC OAuth clients: ${tenant}\nOne point per nightly run. Actions count what enforce mode did; in report mode they stay 0 (the emailed report lists the plan).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new SingleValueWidget({ title: 'Latest run', metrics: inventory, width: 12, height: 4 }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 12, height: 4 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Clients', left: inventory, width: 12, height: 6 }),
      new GraphWidget({
        title: 'Actions per run',
        left: [m('ClientsDisabled', 'Disabled'), m('ClientsDeleted', 'Deleted'), m('ClientsRotated', 'Rotated'), m('ActionsFailed', 'Failed')],
        width: 12,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Run duration (ms)',
        left: [m('RunDuration', 'Longest run')],
        width: 12,
        height: 6,
      }),
      new GraphWidget({
        title: 'Errors (function errors are for all tenants)',
        left: [
          props.function.metricErrors({ period: Duration.days(1), statistic: Stats.SUM, label: 'Function errors' }),
          props.function.metricThrottles({ period: Duration.days(1), statistic: Stats.SUM, label: 'Throttles' }),
          m('RunBlocked', 'Runs blocked by the guard'),
        ],
        width: 12,
        height: 6,
      }),
    );
  }
}
