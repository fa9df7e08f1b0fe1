import { parseArgs } from 'node:util';
import { UsageError } from './cli-io.js';
import { camelCase, COMMAND_SPECS, COMMANDS, FLAGS, type CliFlags, type Command, type FlagName } from './cli-commands.js';

export type { CliFlags, Command } from './cli-commands.js';
export { COMMANDS } from './cli-commands.js';

export type ParsedCli = { command: Command | undefined; flags: CliFlags; args?: readonly string[] };

/** Parse argv against the command table: unknown commands and flags are usage errors, never ignored. */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: FLAGS });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for usage.`);
  }
  const [first, ...rest] = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (first === undefined || first === 'help') return { command: undefined, flags: { dryRun: false, help: true } };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}"; use one of: ${COMMANDS.join(', ')}`);
  }
  const command = first as Command;
  const spec = COMMAND_SPECS[command];
  const maxArgs = 'positionals' in spec ? (spec.positionals as { max: number }).max : 0;
  if (rest.length > maxArgs) throw new UsageError(`unexpected argument "${rest[maxArgs]}" for ${command}; see --help`);
  const flags: Record<string, string | boolean> = {};
  for (const [name, spec] of Object.entries(FLAGS)) if (spec.type === 'boolean') flags[camelCase(name)] = false;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (name !== 'help' && !(COMMAND_SPECS[command].flags as readonly FlagName[]).includes(name as FlagName)) {
      throw new UsageError(`--${name} is not a flag of "${command}"; see "${command} --help"`);
    }
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} needs a value`);
    flags[camelCase(name)] = value;
  }
  return { command, flags: flags as CliFlags, ...(maxArgs > 0 ? { args: rest } : {}) };
}
