#!/usr/bin/env node
/** The CLI entry point: `npm run janitor -- <command> [flags]`. See bin/cli/run-cli.ts. */
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
  signals: process,
});
// A copy of a Ctrl-C that arrives while the process winds down (npm and tsx forward it late)
// must not turn a finished run into a killed one: the exit code above stands.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);
