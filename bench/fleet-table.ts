import type { FleetFigures } from './fleet-bench.js';
import { formatTable } from './format-table.js';

/** The night's figures as printed and as docs/fleet.md quotes them. */
export function fleetTable(figures: FleetFigures): string {
  const rows: [string, string | number][] = [
    ['Tenants registered', figures.options.tenants],
    ['Tenant runs (ok / failed / blocked)', `${figures.run} (${figures.ok} / ${figures.run - figures.ok - sumBlocked(figures)} / ${sumBlocked(figures)})`],
    ['Tenants lost (registered, not run ok)', figures.lost],
    ['Actions done (disable, delete)', figures.actionsDone],
    ['Wall time of the night, s', figures.wallS],
    ['Tenants per minute', figures.tenantsPerMinute],
    ['Per-tenant rate-limit efficiency, median', figures.efficiency.median],
    ['Per-tenant rate-limit efficiency, worst', figures.efficiency.worst],
    ['Requests answered 429', figures.rateLimited],
    ['Peak memory, MB (this process)', figures.peakRssMB],
    ['Peak memory, MB (moto)', figures.motoPeakRssMB ?? 'n/a'],
    ['Setup (registry + secrets), s', figures.setupS],
  ];
  const ticks = formatTable(
    'Ticks',
    [
      { header: 'Tick (UTC)', value: (t: FleetFigures['ticks'][number]) => t.at },
      { header: 'Run', value: (t) => t.run },
      { header: 'Ok', value: (t) => t.ok },
      { header: 'Failed', value: (t) => t.failed },
      { header: 'Blocked', value: (t) => t.blocked },
      { header: 'Already ran', value: (t) => t.alreadyRan },
      { header: 'Wall s', value: (t) => t.wallS },
    ],
    figures.ticks,
  );
  const summary = formatTable('5. Fleet night', [{ header: 'Figure', value: (r: [string, string | number]) => r[0] }, { header: 'Value', value: (r) => r[1] }], rows);
  return `${summary}\n\n${ticks}`;
}

function sumBlocked(figures: FleetFigures): number {
  return figures.ticks.reduce((sum, tick) => sum + tick.blocked, 0);
}
