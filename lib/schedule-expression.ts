/**
 * Turns a tenant's `schedule` (EventBridge Scheduler `cron(...)` or the `HH:MM` shorthand) into
 * a checked `cron(...)` expression. Checking at synth time matters: a bad expression otherwise
 * surfaces only as a CloudFormation rollback minutes into a deploy.
 */

/** `02:00` every day, the default. */
export const DEFAULT_SCHEDULE = 'cron(0 2 * * ? *)';

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Characters allowed besides digits, `,`, `-`, `*` and `/`. */
  readonly extra: RegExp;
}

// EventBridge Scheduler cron fields: minutes hours day-of-month month day-of-week year.
const FIELDS: readonly FieldRule[] = [
  { name: 'minutes', min: 0, max: 59, extra: /^$/ },
  { name: 'hours', min: 0, max: 23, extra: /^$/ },
  { name: 'day-of-month', min: 1, max: 31, extra: /^[?LW]*$/ },
  { name: 'month', min: 1, max: 12, extra: /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)*$/i },
  { name: 'day-of-week', min: 1, max: 7, extra: /^(SUN|MON|TUE|WED|THU|FRI|SAT|\?|L|#)*$/i },
  { name: 'year', min: 1970, max: 2199, extra: /^$/ },
];

/**
 * Returns the `cron(...)` expression, or throws an Error whose message says what is wrong
 * (the caller prefixes the field path).
 */
export function toScheduleExpression(text: string): string {
  const shorthand = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (shorthand) {
    const hours = Number(shorthand[1]);
    const minutes = Number(shorthand[2]);
    if (hours > 23 || minutes > 59) throw new Error(`"${text}" is not a time of day; use HH:MM between 00:00 and 23:59`);
    return `cron(${minutes} ${hours} * * ? *)`;
  }
  const match = /^cron\((.*)\)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is neither cron(minutes hours day-of-month month day-of-week year) nor HH:MM`);
  const fields = (match[1] ?? '').trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(`"${text}" has ${fields.length} fields; EventBridge Scheduler cron needs 6 (minutes hours day-of-month month day-of-week year)`);
  }
  fields.forEach((field, index) => checkField(field, FIELDS[index] as FieldRule, text));
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new Error(`"${text}": exactly one of day-of-month and day-of-week must be "?"`);
  }
  return `cron(${fields.join(' ')})`;
}

function checkField(field: string, rule: FieldRule, text: string): void {
  const letters = field.replace(/[0-9,*/-]/g, '');
  if (!rule.extra.test(letters)) {
    throw new Error(`"${text}": ${rule.name} field "${field}" contains characters cron does not allow there`);
  }
  // The step after `/` is an increment, not a value; `#` separates weekday and occurrence.
  const values = field.split(',').flatMap((part) => (part.split('/')[0] ?? '').split('#')[0]?.split('-') ?? []);
  for (const value of values) {
    if (!/^\d+$/.test(value)) continue;
    const number = Number(value);
    if (number < rule.min || number > rule.max) {
      throw new Error(`"${text}": ${rule.name} value ${value} is outside ${rule.min}-${rule.max}`);
    }
  }
}
