import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, toScheduleExpression } from '../../lib/schedule-expression.js';

describe('toScheduleExpression', () => {
  it('keeps a valid six-field cron expression', () => {
    expect(toScheduleExpression('cron(0 2 * * ? *)')).toBe(DEFAULT_SCHEDULE);
    expect(toScheduleExpression('cron(30 1 ? * MON-FRI *)')).toBe('cron(30 1 ? * MON-FRI *)');
    expect(toScheduleExpression('cron(0/15 8-17 ? JAN-MAR 2#1 2027)')).toBe('cron(0/15 8-17 ? JAN-MAR 2#1 2027)');
    expect(toScheduleExpression('cron(0 3 L * ? *)')).toBe('cron(0 3 L * ? *)');
  });

  it('expands the HH:MM shorthand to a daily cron', () => {
    expect(toScheduleExpression('03:15')).toBe('cron(15 3 * * ? *)');
    expect(toScheduleExpression('0:05')).toBe('cron(5 0 * * ? *)');
  });

  it('refuses a five-field (Unix) cron, naming the field count', () => {
    expect(() => toScheduleExpression('cron(0 2 * * *)')).toThrow(/has 5 fields; EventBridge Scheduler cron needs 6/);
  });

  it('refuses out-of-range values, naming the cron field', () => {
    expect(() => toScheduleExpression('cron(0 24 * * ? *)')).toThrow(/hours value 24 is outside 0-23/);
    expect(() => toScheduleExpression('cron(61 2 * * ? *)')).toThrow(/minutes value 61/);
    expect(() => toScheduleExpression('cron(0 2 ? * 8 *)')).toThrow(/day-of-week value 8/);
  });

  it('requires exactly one of day-of-month and day-of-week to be "?"', () => {
    expect(() => toScheduleExpression('cron(0 2 * * * *)')).toThrow(/exactly one of day-of-month and day-of-week/);
    expect(() => toScheduleExpression('cron(0 2 ? * ? *)')).toThrow(/exactly one of day-of-month and day-of-week/);
  });

  it('refuses letters where cron allows none, rate() and bad shorthands', () => {
    expect(() => toScheduleExpression('cron(0 2x * * ? *)')).toThrow(/hours field "2x"/);
    expect(() => toScheduleExpression('rate(1 day)')).toThrow(/neither cron\(/);
    expect(() => toScheduleExpression('24:00')).toThrow(/not a time of day/);
  });
});
