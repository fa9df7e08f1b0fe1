import type { EvidenceData } from '../../../lambdas/core/evidence/evidence-data.js';
import { ACTION_KINDS } from '../../../lambdas/core/evidence/build-evidence.js';
import { esc } from './html-text.js';

/**
 * The pack's three charts as inline SVG, written by hand (no charting library, nothing to load):
 * the tenant's credentials by state after each day's last run, the actions done per day by kind,
 * and the owners of the most stale credentials. Every mark carries a <title> with its number, so
 * the chart can be read exactly, and every text is escaped (esc).
 */
export function renderEvidenceCharts(data: EvidenceData): string {
  return [statesChart(data), actionsChart(data), ownersChart(data)].join('\n');
}

const WIDTH = 720;
const HEIGHT = 260;
const PLOT = { left: 48, right: 12, top: 16, bottom: 44 } as const;
const INNER_W = WIDTH - PLOT.left - PLOT.right;
const INNER_H = HEIGHT - PLOT.top - PLOT.bottom;

export const COLORS = { disable: '#b45309', delete: '#b91c1c', rotate: '#1d4ed8', enable: '#0f766e', enabled: '#15803d', disabled: '#6b7280', tokens: '#7e22ce' } as const;
const DONE = { disable: 'disabled', delete: 'deleted', rotate: 'rotated', enable: 're-enabled' } as const;

function figure(id: string, caption: string, svg: string): string {
  return `<figure id="${id}">\n<figcaption>${caption}</figcaption>\n${svg}\n</figure>`;
}

function svgOpen(id: string, title: string, height = HEIGHT): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title"><title id="${id}-title">${title}</title>`;
}

/** A rounded-up axis maximum (1, 2, 5 x 10^n) so the ticks are whole numbers. */
function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function yAxis(max: number): string {
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  return ticks
    .map((tick) => {
      const y = PLOT.top + INNER_H - (tick / max) * INNER_H;
      return `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${PLOT.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${Number.isInteger(tick) ? tick : tick.toFixed(1)}</text>`;
    })
    .join('');
}

function xLabels(dates: readonly string[], xOf: (index: number) => number): string {
  if (dates.length === 0) return '';
  // First and last day, and the first of each month when there is room for them.
  const shown = new Set([0, dates.length - 1]);
  if (dates.length > 2) dates.forEach((date, index) => date.endsWith('-01') && shown.add(index));
  const labels = [...shown].sort((a, b) => a - b).filter((index, position, all) => position === 0 || xOf(index) - xOf(all[position - 1] ?? 0) > 70 || index === dates.length - 1);
  // The first label starts at its mark and the last ends at it, so neither runs off the chart.
  const anchor = (index: number) => (dates.length === 1 ? 'middle' : index === 0 ? 'start' : index === dates.length - 1 ? 'end' : 'middle');
  return labels
    .map((index) => `<text x="${xOf(index).toFixed(1)}" y="${HEIGHT - PLOT.bottom + 16}" text-anchor="${anchor(index)}" font-size="11">${esc(dates[index] ?? '')}</text>`)
    .join('');
}

function legend(items: readonly (readonly [string, string])[]): string {
  return items
    .map(([label, color], index) => {
      const x = PLOT.left + index * 140;
      return `<rect x="${x}" y="${HEIGHT - 16}" width="12" height="12" fill="${color}"/><text x="${x + 18}" y="${HEIGHT - 6}" font-size="12">${label}</text>`;
    })
    .join('');
}

function statesChart(data: EvidenceData): string {
  const caption = 'Credentials by state after the last run of each day (clients enabled and disabled; personal access tokens)';
  const days = data.days.map((day) => day.date);
  const index = new Map(days.map((date, at) => [date, at]));
  const hasTokens = data.states.some((state) => state.tokens !== undefined);
  const series = [
    ['enabled clients', COLORS.enabled, (state: (typeof data.states)[number]) => state.enabledClients],
    ['disabled clients', COLORS.disabled, (state: (typeof data.states)[number]) => state.disabledClients],
    ...(hasTokens ? [['tokens', COLORS.tokens, (state: (typeof data.states)[number]) => state.tokens ?? 0] as const] : []),
  ] as const;
  const max = niceMax(Math.max(0, ...data.states.flatMap((state) => series.map(([, , value]) => value(state)))));
  const xOf = (at: number) => PLOT.left + (days.length <= 1 ? INNER_W / 2 : (at / (days.length - 1)) * INNER_W);
  const yOf = (value: number) => PLOT.top + INNER_H - (value / max) * INNER_H;
  const marks = series
    .map(([label, color, value]) => {
      const points = data.states.map((state) => [xOf(index.get(state.date) ?? 0), yOf(value(state)), state] as const);
      const line = points.length > 1 ? `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>` : '';
      const dots = points
        .map(([x, y, state]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${color}"><title>${esc(state.date)}: ${value(state)} ${label}</title></circle>`)
        .join('');
      return line + dots;
    })
    .join('');
  const empty = data.states.length === 0 ? `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" font-size="13">no runs in range</text>` : '';
  const svg = `${svgOpen('chart-states', caption)}${yAxis(max)}${xLabels(days, xOf)}${marks}${empty}${legend(series.map(([label, color]) => [label, color] as const))}</svg>`;
  return figure('fig-states', caption, svg);
}

function actionsChart(data: EvidenceData): string {
  const caption = 'Actions carried out per day (confirmed by ISC), by kind';
  const max = niceMax(Math.max(0, ...data.days.map((day) => day.disable + day.delete + day.rotate + day.enable)));
  const slot = INNER_W / Math.max(1, data.days.length);
  const bar = Math.max(1, Math.min(24, slot * 0.8));
  const xOf = (at: number) => PLOT.left + slot * at + slot / 2;
  const bars = data.days
    .map((day, at) => {
      let base = PLOT.top + INNER_H;
      return ACTION_KINDS.map((kind) => {
        const count = day[kind];
        if (count === 0) return '';
        const height = (count / max) * INNER_H;
        base -= height;
        return `<rect x="${(xOf(at) - bar / 2).toFixed(1)}" y="${base.toFixed(1)}" width="${bar.toFixed(1)}" height="${height.toFixed(1)}" fill="${COLORS[kind]}"><title>${esc(day.date)}: ${count} ${DONE[kind]}</title></rect>`;
      }).join('');
    })
    .join('');
  const svg = `${svgOpen('chart-actions', caption)}${yAxis(max)}${xLabels(data.days.map((day) => day.date), xOf)}${bars}${legend(ACTION_KINDS.map((kind) => [DONE[kind], COLORS[kind]] as const))}</svg>`;
  return figure('fig-actions', caption, svg);
}

function ownersChart(data: EvidenceData): string {
  const caption = `Top owners of stale credentials (disabled, deleted or announced for either; ${data.staleCredentials} in all)`;
  const row = 22;
  const height = Math.max(60, PLOT.top + data.topOwners.length * row + 24);
  const labelWidth = 260;
  const max = Math.max(1, ...data.topOwners.map((owner) => owner.credentials));
  const barSpace = WIDTH - labelWidth - PLOT.right - 40;
  const rows = data.topOwners
    .map((owner, at) => {
      const y = PLOT.top + at * row;
      const width = Math.max(1, (owner.credentials / max) * barSpace);
      const who = owner.id === '' ? owner.name : `${owner.name} (${owner.id})`;
      // The name is what fits beside the bar; the id is in the mark's title and in the CSVs.
      return (
        `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" font-size="11">${esc(owner.name, 38)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${width.toFixed(1)}" height="${row - 6}" fill="${COLORS.delete}"><title>${esc(who)}: ${owner.credentials}</title></rect>` +
        `<text x="${(labelWidth + width + 6).toFixed(1)}" y="${y + 14}" font-size="11">${owner.credentials}</text>`
      );
    })
    .join('');
  const empty = data.topOwners.length === 0 ? `<text x="${WIDTH / 2}" y="${height / 2}" text-anchor="middle" font-size="13">no stale credentials in range</text>` : '';
  return figure('fig-owners', caption, `${svgOpen('chart-owners', caption, height)}${rows}${empty}</svg>`);
}
