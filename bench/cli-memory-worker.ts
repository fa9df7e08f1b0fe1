import { resourceUsage } from 'node:process';
import { runCli } from '../bin/cli/run-cli.js';

/**
 * One `plan` of a tenant through the CLI, in a process of its own (bundled like the functions,
 * run with their NODE_OPTIONS). Prints one JSON line: CliMemoryFigures without the settings.
 * Peak memory is the OS's high-water mark for the whole process (resourceUsage().maxRSS), so
 * nothing between samples is missed; the sandbox runs in the parent, outside the figure.
 */
export interface CliMemoryRun {
  readonly peakRssMB: number;
  readonly exitCode: number;
  readonly wallS: number;
}

async function main(): Promise<void> {
  const { baseUrl, clientId, clientSecret, maxResponseMb } = JSON.parse(process.argv[2] ?? '{}') as {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    maxResponseMb: number;
  };
  const started = performance.now();
  const exitCode = await runCli(['plan', '--max-response-mb', String(maxResponseMb)], {
    env: { SAIL_BASE_URL: baseUrl, SAIL_CLIENT_ID: clientId, SAIL_CLIENT_SECRET: clientSecret },
    now: () => new Date(),
    // The report is large and not the figure: only its making counts.
    stdout: { write: () => true },
    stderr: { write: () => true, isTTY: false },
    // The sandbox has no rate limit here: memory is the figure, not pacing.
    iscClient: { rateLimit: false },
  });
  const run: CliMemoryRun = {
    peakRssMB: Math.round((resourceUsage().maxRSS / 1024) * 10) / 10,
    exitCode,
    wallS: Math.round((performance.now() - started) / 100) / 10,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`cli memory worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
