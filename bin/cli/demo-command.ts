import { randomUUID } from 'node:crypto';
import { parsePolicy } from '../../lambdas/core/policy.js';
import { connectIsc } from '../../lambdas/connect-isc.js';
import { runJanitor } from '../../lambdas/run-janitor.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import { deliverReport } from './deliver-report.js';
import { exitCodeFor } from './exit-code-for.js';
import type { CliFlags } from './parse-cli-args.js';

/** A realistic tenant: a few dozen clients of every kind (recent, idle, stale, never used, disabled, internal). */
const DEMO_CLIENTS = 40;

/**
 * The seeded tenant has about 40% stale clients, more than the default guard allows (25%): a
 * neglected tenant's first cleanup. The demo raises the guard for that and says so.
 */
const DEMO_POLICY = { mode: 'enforce', limits: { maxActions: 50, maxFraction: 0.5 } } as const;

/** `demo`: a local sandbox tenant, one enforced cleanup, the report. Needs no credentials. */
export async function demoCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const now = io.now();
  const sandbox = await startSandbox({ now: io.now, seed: { count: DEMO_CLIENTS, seed: 2026, now } });
  try {
    const policy = parsePolicy(DEMO_POLICY, 'demo policy');
    io.stdout.write(
      [
        `Demo: a local ISC sandbox at ${sandbox.url} holding ${DEMO_CLIENTS} OAuth clients (nothing leaves this machine).`,
        `Policy: ${JSON.stringify(DEMO_POLICY)} over the defaults (the guard is raised for a neglected tenant's first cleanup).`,
        '',
        '',
      ].join('\n'),
    );
    const logger = cliLogger(io.stderr);
    const connection = await connectIsc({ get: async () => ({ ...sandbox.credentials, baseUrl: sandbox.url }) }, { logger });
    const report = await runJanitor({
      api: connection.api,
      policy,
      tenant: 'demo',
      selfClientId: connection.selfClientId,
      clock: io.now,
      reportId: randomUUID(),
      logger,
    });
    await deliverReport(report, { ...(flags.json ? { json: flags.json } : {}) }, io);
    return exitCodeFor(report);
  } finally {
    await sandbox.close();
  }
}
