import { describe, expect, it } from 'vitest';
import { parseBenchArgs, PERFORMANCE_DOC } from '../../bench/parse-bench-args.js';

describe('parseBenchArgs', () => {
  it('writes no report unless asked: a bench run leaves the checked-in figures alone', () => {
    expect(parseBenchArgs([]).docFile).toBeUndefined();
    expect(parseBenchArgs(['--json', 'x.json']).docFile).toBeUndefined();
  });

  it('writes docs/performance.md with --write, or the file --doc names', () => {
    expect(parseBenchArgs(['--write']).docFile).toBe(PERFORMANCE_DOC);
    expect(PERFORMANCE_DOC).toBe('docs/performance.md');
    expect(parseBenchArgs(['--doc', 'out/perf.md']).docFile).toBe('out/perf.md');
  });

  it('refuses to record quick figures or a fleet night as the performance report', () => {
    expect(() => parseBenchArgs(['--quick', '--write'])).toThrow(/--quick figures are a smoke test/);
    expect(() => parseBenchArgs(['--fleet', '--write'])).toThrow(/not --fleet/);
  });

  it('no longer accepts the old --no-doc (writing is off by default now)', () => {
    expect(() => parseBenchArgs(['--no-doc'])).toThrow(/unknown argument --no-doc/);
  });
});
