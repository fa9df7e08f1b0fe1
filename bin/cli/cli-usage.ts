import { COMMAND_SPECS, COMMANDS, FLAGS, type Command, type FlagName } from './cli-commands.js';

/** Where the one table of ISC scopes per feature lives (help points there; a test checks the anchor exists). */
export const SCOPES_DOC = 'docs/deploy.md#isc-scopes-and-rights-per-feature';

/** `--help` texts, built from the one command table: the overview and one per command. */

const CREDENTIALS = `Credentials: SAIL_BASE_URL (https://{tenant}.api.identitynow.com), SAIL_CLIENT_ID and
SAIL_CLIENT_SECRET (a personal access token), optional ISC_API_VERSION (default v3); or --secret-id to
read them from Secrets Manager. The PAT's scopes depend on what the policy turns on: OAuth clients need
sp:oauth-client:read and sp:oauth-client:manage, personal access tokens ("pats") also
sp:all-personal-access-tokens:read and :manage, the rotation of the janitor's own PAT
sp:my-personal-access-tokens:read and :manage. Every feature's scopes and rights, in one table:
${SCOPES_DOC}
AWS (--secret-id, --registry, --topic-arn, Secrets Manager): AWS_REGION, AWS_DEFAULT_REGION or the profile's region.`;

function flagLeft(name: FlagName, command?: Command): string {
  const spec = FLAGS[name];
  const short = 'short' in spec ? `-${spec.short}, ` : '';
  const own = command ? (COMMAND_SPECS[command] as { flagValue?: Partial<Record<FlagName, string>> }).flagValue?.[name] : undefined;
  return `${short}--${name}${'value' in spec ? ` ${own ?? spec.value}` : ''}`;
}

/** Help texts line up after the longest flag of the whole table. */
const FLAG_COLUMN = Math.max(...(Object.keys(FLAGS) as FlagName[]).map((name) => flagLeft(name).length)) + 2;

function flagLine(name: FlagName, command?: Command): string {
  const own = command ? (COMMAND_SPECS[command] as { flagHelp?: Partial<Record<FlagName, string>> }).flagHelp?.[name] : undefined;
  return `  ${flagLeft(name, command).padEnd(FLAG_COLUMN)}${own ?? FLAGS[name].help}`;
}

function commandUsage(command: Command): string {
  const spec = COMMAND_SPECS[command];
  const flags = [...spec.flags, 'help' as const].map((name) => flagLine(name, command)).join('\n');
  return [
    `Usage: npm run janitor -- ${command} ${spec.usage}`,
    '',
    spec.description,
    '',
    ...(spec.credentials ? [('credentialsHelp' in spec ? spec.credentialsHelp : undefined) ?? CREDENTIALS, ''] : []),
    'Flags:',
    flags,
  ].join('\n');
}

const OVERVIEW = `isc-oauth-janitor: find and clean up stale SailPoint ISC OAuth API clients.

Usage: npm run janitor -- <command> [flags]

Commands:
${COMMANDS.map((command) => `  ${command.padEnd(15)}${COMMAND_SPECS[command].summary}`).join('\n')}

Run "npm run janitor -- <command> --help" for a command's flags.
Exit codes: 0 nothing failed, 1 an action or the run failed (network, deadline), 2 bad usage/config/credentials,
3 blocked (by the guard, or another run holds the tenant, or took it over: outcome lease-lost), 130/143
interrupted by SIGINT/SIGTERM (the report is still printed).`;

export const USAGE: Readonly<Record<Command | 'main', string>> = Object.freeze({
  main: OVERVIEW,
  ...(Object.fromEntries(COMMANDS.map((command) => [command, commandUsage(command)])) as Record<Command, string>),
});
