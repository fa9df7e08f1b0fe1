import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/main.ts', ...args], { cwd: ROOT, timeout: 90_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A smoke test only: the real benchmarks never run inside `npm test` (they take minutes). */
describe('bench/main.ts', () => {
  it('runs the quick variant end to end, prints every table and writes the JSON figures', async () => {
    const json = join(dir, 'figures.json');
    const { code, stdout, stderr } = await runBench(['--quick', '--json', json]);
    expect(stderr).not.toMatch(/bench failed/);
    for (const title of ['Machine:', '1. Rate-limit efficiency', '2. sailpoint-api-client baseline', '3. Cold start', '4. Core scale', '6. Memory', 'Targets']) {
      expect(stdout).toContain(title);
    }
    const figures = JSON.parse(readFileSync(json, 'utf8'));
    expect(figures.quick).toBe(true);
    expect(figures.rateLimit).toHaveLength(1);
    expect(figures.rateLimit[0]).toMatchObject({ latencyMs: 50, done: 60 });
    expect(figures.rateLimit[0].requests).toBeGreaterThanOrEqual(63); // 3 lists + 60 PATCHes, from the sandbox log
    expect(figures.baseline.map((row: { style: string }) => row.style)).toEqual(['parallel', 'sequential']);
    expect(figures.baseline[1]).toMatchObject({ disabled: 60, failed: 0 });
    expect(figures.coldStart).toHaveLength(2);
    expect(figures.coldStart[0].sizeKB).toBeGreaterThan(0);
    expect(figures.coreScale).toMatchObject({ clients: 2000, runs: 2 });
    // The memory row: a whole tenant through the CLI, against the Lambda's configured memory.
    expect(figures.cliMemory).toMatchObject({ clients: 2000, lambdaMemoryMb: 512, maxResponseMb: 64 });
    expect(figures.cliMemory.peakRssMB).toBeGreaterThan(0);
    expect(figures.targets.map((target: { target: string }) => target.target)).toContain("2000 clients through the CLI < 512 MB (the Lambda's memory)");
    expect(figures.targets.length).toBeGreaterThan(0);
    // The exit code says whether every target held (a loaded machine may miss the quick run's).
    const failed = figures.targets.filter((target: { pass: boolean }) => !target.pass);
    expect(code).toBe(failed.length > 0 ? 1 : 0);
    if (failed.length > 0) expect(stdout).toContain(`${failed.length} of ${figures.targets.length} targets FAILED`);
    // Without --write the checked-in figures are left alone.
    expect(stdout).toContain('docs/performance.md left as it is');
  }, 180_000);

  it('runs a small fleet night end to end: every tenant run once and ok, the figures printed and written', async () => {
    const json = join(dir, 'fleet.json');
    const { code, stdout, stderr } = await runBench(['--fleet', '--tenants', '8', '--json', json]);
    expect(stderr).not.toMatch(/bench failed/);
    expect(code).toBe(0);
    for (const title of ['Machine:', '5. Fleet night', 'Tenants per minute', 'Per-tenant rate-limit efficiency, median', 'Ticks']) {
      expect(stdout).toContain(title);
    }
    const { fleet } = JSON.parse(readFileSync(json, 'utf8'));
    expect(fleet).toMatchObject({ run: 8, ok: 8, lost: 0 });
    // Four quarter hours of two tenants each, then a repeated tick that runs nobody.
    expect(fleet.ticks.map((tick: { run: number }) => tick.run)).toEqual([2, 2, 2, 2, 0]);
    expect(fleet.efficiency.median).toBeGreaterThan(0);
  }, 90_000);

  it('rejects an unknown flag with the usage line', async () => {
    const { code, stderr } = await runBench(['--nope']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('usage: npm run bench');
  });
});
