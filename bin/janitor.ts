#!/usr/bin/env node
/** The CLI entry point: `npm run janitor -- <command> [flags]`. See bin/cli/run-cli.ts. */
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => new Date(),
});
