import { isConfigError } from '../../lambdas/core/config-error.js';
import { isIscAuthError } from '../../lambdas/adapters/isc/index.js';
import { cleanupCommand } from './cleanup-command.js';
import { EXIT, UsageError, withRedactedOutput, type CliIo, type ExitCode } from './cli-io.js';
import { USAGE } from './cli-usage.js';
import { createClientCommand } from './create-client-command.js';
import { demoCommand } from './demo-command.js';
import { parseCliArgs } from './parse-cli-args.js';
import { errorMessage } from '../../lambdas/core/error-message.js';

/**
 * The CLI: parse, dispatch, map errors to the exit-code contract (2 for anything the user must
 * fix: usage, configuration, credentials). Errors print their message only, and everything
 * printed passes the secret registry on its way out (withRedactedOutput).
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<ExitCode> {
  const io = withRedactedOutput(rawIo);
  try {
    const { command, flags } = parseCliArgs(argv);
    if (command === undefined || flags.help) {
      io.stdout.write(`${USAGE[command ?? 'main']}\n`);
      return EXIT.ok;
    }
    switch (command) {
      case 'plan':
      case 'run':
        return await cleanupCommand(command, flags, io);
      case 'demo':
        return await demoCommand(flags, io);
      case 'create-client':
        return await createClientCommand(flags, io);
    }
  } catch (error) {
    const message = errorMessage(error);
    if (error instanceof UsageError || isConfigError(error) || isIscAuthError(error)) {
      io.stderr.write(`error: ${message}\n`);
      return EXIT.badInput;
    }
    io.stderr.write(`error: the run failed: ${message}\n`);
    return EXIT.actionFailed;
  }
}
