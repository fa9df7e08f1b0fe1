import { readFileSync } from 'node:fs';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { localClock } from '../lambdas/core/fleet/local-clock.js';
import type { FleetOutcome } from '../lambdas/janitor/create-fleet-handler.js';
import { seedTenant } from '../sandbox/seed-tenant.js';
import type { Sandbox } from '../sandbox/start-sandbox.js';
import { startLocalFleet, type LocalTenant } from '../test/support/local-fleet.js';
import { startMoto } from '../test/support/moto-server.js';
import { median, round } from './median.js';
import { SandboxPool } from './sandbox-pool.js';

/**
 * `npm run bench -- --fleet`: one simulated night. A thousand tenants of about fifty clients each,
 * spread over eight time zones and four quarter hours, run by the nightly state machine as it is
 * deployed (aws-local-stepfunctions, the project's own fleet and janitor handlers, the registry,
 * secrets and report topic in moto). The tenants' ISC is a small pool of sandbox servers, each
 * lent to one tenant's run at a time and loaded with that tenant's clients, rate-limited at ISC's
 * rate in a 1 s window (so a tenant's run meets the limit) with a fixed latency per request.
 */
export interface FleetBenchOptions {
  readonly tenants: number;
  readonly clientsPerTenant: number;
  /** Tenant runs at once (the Map's MaxConcurrency), and as many sandbox servers. */
  readonly concurrency: number;
  /** Quarter hours the tenants' local times spread over: one tick each. */
  readonly ticks: number;
  /** The sandbox's limit per token: `requests` per `windowMs`. */
  readonly limit: { readonly requests: number; readonly windowMs: number };
  readonly latencyMs: number;
}

export const DEFAULT_FLEET_BENCH: FleetBenchOptions = {
  tenants: 1000,
  clientsPerTenant: 50,
  concurrency: 25,
  ticks: 4,
  limit: { requests: 10, windowMs: 1000 },
  latencyMs: 10,
};

export interface TickFigures {
  readonly at: string;
  readonly wallS: number;
  readonly run: number;
  readonly ok: number;
  readonly failed: number;
  readonly blocked: number;
  readonly alreadyRan: number;
}

export interface FleetFigures {
  readonly options: FleetBenchOptions;
  readonly setupS: number;
  /** The night: every tick's execution, one after the other (setup excluded). */
  readonly wallS: number;
  readonly tenantsPerMinute: number;
  readonly ticks: readonly TickFigures[];
  readonly run: number;
  readonly ok: number;
  /** Registered tenants that did not end ok in the night. */
  readonly lost: number;
  readonly actionsDone: number;
  /** Admitted requests per second of a tenant's run over the sandbox's limit: median and worst. */
  readonly efficiency: { readonly median: number; readonly worst: number };
  readonly rateLimited: number;
  readonly peakRssMB: number;
  /** moto's own peak (VmHWM), when /proc tells. */
  readonly motoPeakRssMB: number | undefined;
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo', 'Asia/Kolkata', 'Europe/London'];
const NIGHT = Date.parse('2026-12-01T02:00:00Z');
const QUARTER_MS = 15 * 60_000;
const CREDENTIALS = { clientId: 'f1ee7000000000000000000000000001', clientSecret: 'fleet-bench-pat-secret-0000000000000000' };

export async function runFleetBench(options: FleetBenchOptions, log: (line: string) => void = () => undefined): Promise<FleetFigures> {
  const peak = sampleRss();
  const moto = await startMoto();
  const pool = await SandboxPool.start(options.concurrency, {
    credentials: CREDENTIALS,
    rateLimit: { ...options.limit },
    retryAfter: 'fractional',
    latencyMs: { '*': options.latencyMs },
  });
  try {
    const setupStarted = performance.now();
    const names = Array.from({ length: options.tenants }, (_, i) => `tenant-${String(i + 1).padStart(4, '0')}`);
    const tickOf = (index: number) => index % options.ticks;
    const tenants: LocalTenant[] = names.map((name, index) => {
      const zone = ZONES[index % ZONES.length]!;
      const local = localClock(new Date(NIGHT + tickOf(index) * QUARTER_MS), zone);
      const localTime = `${String(Math.floor(local.minutes / 60)).padStart(2, '0')}:${String(local.minutes % 60).padStart(2, '0')}`;
      return { entry: { name, localTime, timeZone: zone }, iscUrl: 'http://127.0.0.1:9', credentials: CREDENTIALS };
    });
    let tickTime = new Date(NIGHT);
    const runs = new Map<string, { sandbox: Sandbox; from: number; started: number }>();
    const perTenant: { efficiency: number; rateLimited: number }[] = [];
    const limitPerS = (options.limit.requests * 1000) / options.limit.windowMs;
    let actionsDone = 0;
    const fleet = await startLocalFleet({
      moto,
      tenants,
      clock: () => tickTime,
      maxConcurrency: options.concurrency,
      setupConcurrency: 16,
      basePolicy: { mode: 'enforce', limits: { maxActions: 1000, maxFraction: 0.8 } },
      // The production pacing: 95% of the limit per window.
      janitor: { iscClient: { rateLimit: { requests: Math.floor(options.limit.requests * 0.95), windowMs: options.limit.windowMs }, timeoutMs: 30_000 } },
      onRun: async (tenant, phase) => {
        if (phase === 'start') {
          const sandbox = await pool.acquire();
          sandbox.state.clear();
          const index = names.indexOf(tenant);
          for (const client of seedTenant({ count: options.clientsPerTenant, seed: index + 1, now: tickTime })) sandbox.state.put(client);
          await fleet.secretsManager.send(
            new PutSecretValueCommand({ SecretId: fleet.secretArns.get(tenant), SecretString: JSON.stringify({ baseUrl: sandbox.url, ...CREDENTIALS }) }),
          );
          runs.set(tenant, { sandbox, from: sandbox.requests.length, started: performance.now() });
          return;
        }
        const run = runs.get(tenant)!;
        const wallS = (performance.now() - run.started) / 1000;
        const mine = run.sandbox.requests.slice(run.from).filter((entry) => entry.route !== 'token');
        const rateLimited = mine.filter((entry) => entry.status === 429).length;
        actionsDone += mine.filter((entry) => (entry.route === 'patch' || entry.route === 'delete') && entry.status < 300).length;
        perTenant.push({ efficiency: (mine.length - rateLimited) / wallS / limitPerS, rateLimited });
        runs.delete(tenant);
        pool.release(run.sandbox);
      },
    });
    const setupS = (performance.now() - setupStarted) / 1000;
    log(`Set up ${options.tenants} tenants (registry entries and credentials secrets in moto) in ${round(setupS, 1)} s`);

    const ticks: TickFigures[] = [];
    let outcomes: FleetOutcome[] = [];
    // One tick per quarter hour, and one more after the last: a repeated tick must run nobody.
    for (let k = 0; k <= options.ticks; k += 1) {
      tickTime = new Date(NIGHT + k * QUARTER_MS + 3_000);
      const started = performance.now();
      const outcome = await fleet.tick(`night-${k}`, tickTime);
      const wallS = (performance.now() - started) / 1000;
      outcomes = [...outcomes, outcome];
      ticks.push({ at: tickTime.toISOString().slice(11, 16), wallS: round(wallS, 1), run: outcome.run, ok: outcome.ok, failed: outcome.failed, blocked: outcome.blocked, alreadyRan: outcome.passed['already-ran'] ?? 0 });
      log(`  tick ${tickTime.toISOString().slice(11, 16)}Z: ${outcome.run} run, ${outcome.ok} ok, ${outcome.failed} failed, ${outcome.blocked} blocked in ${round(wallS, 1)} s`);
    }
    const wallS = ticks.reduce((sum, tick) => sum + tick.wallS, 0);
    const ok = outcomes.reduce((sum, o) => sum + o.ok, 0);
    const efficiencies = perTenant.map((t) => t.efficiency);
    return {
      options,
      setupS: round(setupS, 1),
      wallS: round(wallS, 1),
      tenantsPerMinute: round(ok / (wallS / 60), 0),
      ticks,
      run: outcomes.reduce((sum, o) => sum + o.run, 0),
      ok,
      lost: options.tenants - ok,
      actionsDone,
      efficiency: { median: round(median(efficiencies)), worst: round(Math.min(...efficiencies)) },
      rateLimited: perTenant.reduce((sum, t) => sum + t.rateLimited, 0),
      peakRssMB: round(peak.stop() / 1024 ** 2, 0),
      motoPeakRssMB: peakOf(moto.pid),
    };
  } finally {
    await pool.close();
    await moto.stop();
  }
}

/** The process's peak resident memory, sampled every 100 ms. */
function sampleRss(): { stop(): number } {
  let max = process.memoryUsage().rss;
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage().rss);
  }, 100);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, process.memoryUsage().rss);
    },
  };
}

function peakOf(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 0) : undefined;
  } catch {
    return undefined;
  }
}
