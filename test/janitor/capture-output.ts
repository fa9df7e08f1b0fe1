import { vi } from 'vitest';

/**
 * Captures what the process writes to stdout and stderr (Powertools Logger and Metrics write
 * there through their own Console, as in Lambda), instead of printing it. Restored by
 * `vi.restoreAllMocks()`.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);

  const text = () => chunks.join('');
  /** Every line that parses as a JSON object, in order. */
  const records = (): Record<string, unknown>[] =>
    text()
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    text,
    records,
    /** Powertools Logger lines (they carry `level` and `message`). */
    logs: () => records().filter((record) => typeof record.level === 'string' && typeof record.message === 'string'),
    /** Embedded Metric Format records (they carry `_aws`). */
    metrics: () => records().filter((record) => '_aws' in record),
  };
}
