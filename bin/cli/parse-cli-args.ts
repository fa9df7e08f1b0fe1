import { parseArgs } from 'node:util';
import { UsageError } from './cli-io.js';

export const COMMANDS = ['plan', 'run', 'demo', 'create-client'] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliFlags {
  readonly policy?: string;
  readonly json?: string;
  readonly tenant?: string;
  readonly apiVersion?: string;
  readonly secretId?: string;
  readonly topicArn?: string;
  readonly secretsDir?: string;
  readonly file?: string;
  readonly dryRun: boolean;
  readonly help: boolean;
}

export type ParsedCli = { command: Command | undefined; flags: CliFlags };

const STRING_FLAGS = ['policy', 'json', 'tenant', 'api-version', 'secret-id', 'topic-arn', 'secrets-dir', 'file'] as const;

/** Which flags each command accepts: anything else is a usage error, not silently ignored. */
const ALLOWED: Record<Command, readonly string[]> = {
  plan: ['policy', 'json', 'tenant', 'api-version', 'secret-id', 'topic-arn', 'secrets-dir'],
  run: ['policy', 'json', 'tenant', 'api-version', 'secret-id', 'topic-arn', 'secrets-dir', 'dry-run'],
  demo: ['json'],
  'create-client': ['file', 'policy', 'tenant', 'api-version', 'secret-id', 'secrets-dir'],
};

export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' as const }])),
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for usage.`);
  }
  const [first, ...extra] = parsed.positionals;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  if (first === undefined || first === 'help') return { command: undefined, flags: { dryRun: false, help: true } };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new UsageError(`unknown command "${first}"; use one of: ${COMMANDS.join(', ')}`);
  }
  const command = first as Command;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" for ${command}; see --help`);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name === 'help') continue;
    if (!ALLOWED[command].includes(name)) throw new UsageError(`--${name} is not a flag of "${command}"; see "${command} --help"`);
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} needs a value`);
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const flags: CliFlags = {
    dryRun: values['dry-run'] === true,
    help,
    ...defined('policy', str('policy')),
    ...defined('json', str('json')),
    ...defined('tenant', str('tenant')),
    ...defined('apiVersion', str('api-version')),
    ...defined('secretId', str('secret-id')),
    ...defined('topicArn', str('topic-arn')),
    ...defined('secretsDir', str('secrets-dir')),
    ...defined('file', str('file')),
  };
  return { command, flags };
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
