import { parseArgs } from 'node:util';
import { didYouMean } from '../../lambdas/core/closest-match.js';
import { UsageError } from './cli-io.js';
import { camelCase, COMMAND_SPECS, COMMANDS, FLAGS, type CliFlags, type Command, type FlagName } from './cli-commands.js';

export type { CliFlags, Command } from './cli-commands.js';
export { COMMANDS } from './cli-commands.js';

export type ParsedCli = { command: Command | undefined; flags: CliFlags; args?: readonly string[] };

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;

/**
 * Parse argv against the command table: unknown commands and flags are usage errors, never
 * ignored, each named with the closest known one. Node's strict mode is not used: its messages
 * ("place it at the end of the command after '--'", "argument is ambiguous") mislead under
 * `npm run janitor --`, so the tokens are checked here instead.
 */
export function parseCliArgs(argv: readonly string[]): ParsedCli {
  const { tokens = [] } = parseArgs({ args: [...argv], allowPositionals: true, strict: false, tokens: true, options: FLAGS });
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const options = tokens.filter((token): token is Extract<Token, { kind: 'option' }> => token.kind === 'option');
  const [first, ...rest] = positionals;
  const wantsHelp = options.some((option) => option.name === 'help' || option.name === 'h');
  const flags: Record<string, string | boolean> = {};
  for (const [name, flag] of Object.entries(FLAGS)) if (flag.type === 'boolean') flags[camelCase(name)] = false;
  if (first === undefined || first === 'help') return { command: undefined, flags: { ...flags, help: true } as CliFlags };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}".${didYouMean(first, COMMANDS)}\nCommands: ${COMMANDS.join(', ')}; "npm run janitor -- --help" describes them.`);
  }
  const command = first as Command;
  const spec = COMMAND_SPECS[command];
  const own = spec.flags as readonly FlagName[];
  const seeHelp = `"npm run janitor -- ${command} --help" lists its flags.`;
  for (const option of options) {
    const name = option.name === 'h' ? 'help' : option.name;
    if (!(name in FLAGS)) {
      const hint = didYouMean(name, own, (flag) => `--${flag}`) || didYouMean(name, Object.keys(FLAGS), (flag) => `--${flag}`);
      throw new UsageError(`unknown flag ${option.rawName} for "${command}".${hint}\n${seeHelp}`);
    }
    const flag = FLAGS[name as FlagName];
    if (name !== 'help' && !own.includes(name as FlagName)) throw new UsageError(`--${name} is not a flag of "${command}".\n${seeHelp}`);
    if (flag.type === 'boolean') {
      if (option.value !== undefined) throw new UsageError(`--${name} takes no value (given "${option.value}").\n${seeHelp}`);
      flags[camelCase(name)] = true;
      continue;
    }
    flags[camelCase(name)] = stringValue(name, option, 'value' in flag ? flag.value : 'VALUE', wantsHelp);
  }
  const maxArgs = 'positionals' in spec ? (spec.positionals as { max: number }).max : 0;
  if (rest.length > maxArgs && !wantsHelp) throw new UsageError(`unexpected argument "${rest[maxArgs]}" for ${command}.\n${seeHelp}`);
  return { command, flags: flags as CliFlags, ...(maxArgs > 0 ? { args: rest } : {}) };
}

/**
 * The value of a string flag. A following flag is not a value (`--policy --json x` forgot the
 * file); a negative number is one, so `--max-run-time -5` reaches the check that says what is allowed.
 */
function stringValue(name: string, option: Extract<Token, { kind: 'option' }>, placeholder: string, wantsHelp: boolean): string {
  const { value } = option;
  const looksLikeFlag = value !== undefined && !option.inlineValue && value.startsWith('-') && !/^-\d/.test(value);
  if (value === undefined || looksLikeFlag) {
    if (wantsHelp) return '';
    const after = looksLikeFlag ? ` (${value} is a flag; a value starting with "-" is written --${name}=VALUE)` : '';
    throw new UsageError(`--${name} needs a value: --${name} ${placeholder}${after}`);
  }
  if (value.trim() === '') throw new UsageError(`--${name} needs a value: --${name} ${placeholder}`);
  return value;
}
