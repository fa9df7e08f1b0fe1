import { DAY_MS, formatUtcDay } from '../dates.js';

/** Every UTC day from `from` to `to` (YYYY-MM-DD, both included), oldest first. */
export function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); time <= end; time += DAY_MS) days.push(formatUtcDay(time));
  return days;
}

/** Every month (YYYY-MM) the days from `from` to `to` touch, oldest first. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
