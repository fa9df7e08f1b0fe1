import { cleanupCommand } from './cleanup-command.js';
import { EXIT, withRedactedOutput, type CliIo, type ExitCode } from './cli-io.js';
import { errorLine, exitCodeForError } from './exit-code-for.js';
import { USAGE } from './cli-usage.js';
import { createClientCommand } from './create-client-command.js';
import { demoCommand } from './demo-command.js';
import { enableCommand } from './enable-command.js';
import { historyCommand } from './history-command.js';
import { evidenceCommand } from './evidence-command.js';
import { parseCliArgs } from './parse-cli-args.js';
import { tenantsCommand } from './tenants-command.js';
import { rotateSecretCommand } from './rotate-secret-command.js';

/**
 * The CLI: parse, dispatch, map errors to the exit-code contract (2 for anything the user must
 * fix: usage, configuration, credentials). Errors print their message only, and everything
 * printed passes the secret registry on its way out (withRedactedOutput).
 */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<ExitCode> {
  const io = withRedactedOutput(rawIo);
  try {
    const { command, flags, args } = parseCliArgs(argv);
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
      case 'history':
        return await historyCommand(flags, io);
      case 'evidence':
        return await evidenceCommand(flags, io);
      case 'tenants':
        return await tenantsCommand(args ?? [], flags, io);
      case 'rotate-secret':
      case 'revoke':
        return await rotateSecretCommand(flags, io, command);
      case 'enable':
        return await enableCommand(flags, io);
    }
  } catch (error) {
    io.stderr.write(errorLine(error));
    return exitCodeForError(error);
  }
}
