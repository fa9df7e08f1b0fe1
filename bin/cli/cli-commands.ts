import { API_VERSIONS } from '../../lambdas/adapters/isc/isc-client-config.js';

/**
 * The CLI's one table: every flag once (name, value placeholder, help line) and every command
 * with the flags it takes. The parser and every `--help` text are built from it, so a flag a
 * command accepts is always the flag its help lists, and a new flag is one row here.
 */

interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in help (`FILE`); string flags only. */
  readonly value?: string;
  readonly help: string;
  readonly short?: string;
}

export const FLAGS = {
  policy: { type: 'string', value: 'FILE', help: 'policy JSON (see docs/policy.md); default: report mode with default thresholds; with --registry merged over the tenant\'s policy, which run may only tighten' },
  json: { type: 'string', value: 'FILE', help: 'also write the result as JSON to FILE' },
  tenant: {
    type: 'string',
    value: 'NAME',
    help: 'with --registry, the registered tenant to run; otherwise its label in the report (default: from the base URL, acme for acme.api.identitynow.com)',
  },
  'api-version': {
    type: 'string',
    value: 'V',
    help: `${API_VERSIONS.join(' | ')}; v1 is the per-service path /oauth-clients/v1 (default v3; overrides ISC_API_VERSION)`,
  },
  'secret-id': { type: 'string', value: 'ID', help: 'read {"baseUrl","clientId","clientSecret"} from this Secrets Manager secret' },
  'topic-arn': { type: 'string', value: 'ARN', help: 'also publish the report to this SNS topic' },
  'secrets-dir': { type: 'string', value: 'DIR', help: 'store rotated client secrets in DIR (0600 files) instead of Secrets Manager' },
  file: { type: 'string', value: 'FILE', help: 'the CreateOAuthClientRequest JSON (--example prints one)' },
  example: { type: 'boolean', help: 'print a valid example request (JSON on stdout, what each field allows on stderr); creates nothing' },
  'request-timeout': {
    type: 'string',
    value: 'SECONDS',
    help: 'give up on one ISC request, headers and body, after SECONDS (default 30, or ISC_REQUEST_TIMEOUT_S)',
  },
  'max-run-time': {
    type: 'string',
    value: 'SECONDS',
    help: 'stop starting actions and abort requests after SECONDS; the report is still printed (default none; run --registry: 3600, within its tenant lease)',
  },
  'max-response-mb': {
    type: 'string',
    value: 'MB',
    help: 'fail an ISC request whose response body is over MB megabytes, read no further (default 64, or ISC_MAX_RESPONSE_MB)',
  },
  'archive-dir': { type: 'string', value: 'DIR', help: 'evidence archive in DIR: runs add their report (creating DIR 0700 when missing), history reads it (and must find it)' },
  'archive-bucket': { type: 'string', value: 'BUCKET', help: 'read the evidence archive from this S3 bucket (stack output ReportArchiveBucket)' },
  client: { type: 'string', value: 'ID', help: 'the OAuth client (or personal access token) id whose history to show' },
  reason: { type: 'string', value: 'TEXT', help: 'enable: why, in your words; archived with the change (who and when are added)' },
  since: { type: 'string', value: 'YYYY-MM-DD', help: 'only runs started on or after this UTC date' },
  registry: {
    type: 'string',
    value: 'TABLE',
    help: 'the tenant registry table (stack output RegistryTableName; default TENANT_REGISTRY_TABLE): run and plan take the tenant\'s secret and policy from it, run holds its lease',
  },
  'credentials-secret-arn': { type: 'string', value: 'ARN', help: 'tenants add/set: the Secrets Manager secret holding the tenant\'s ISC credentials' },
  'local-time': { type: 'string', value: 'HH:MM', help: 'tenants add/set: when the nightly run starts, in the tenant\'s time zone (default 02:00)' },
  'time-zone': { type: 'string', value: 'ZONE', help: 'tenants add/set: IANA time zone, e.g. Europe/Berlin (default UTC)' },
  'tenant-policy': { type: 'string', value: 'FILE', help: 'tenants add/set: the tenant\'s partial policy JSON, merged over the deployed base policy' },
  enabled: { type: 'string', value: 'true|false', help: 'tenants add/set: false pauses the tenant (its nightly run is passed by)' },
  'report-emails': { type: 'string', value: 'LIST', help: 'tenants add/set: comma-separated addresses for this tenant\'s reports ("" for none)' },
  from: { type: 'string', value: 'FILE', help: 'tenants import: cdk.json with "context": {"tenants": [...]}, or a JSON list of tenants' },
  to: { type: 'string', value: 'YYYY-MM-DD', help: 'evidence: the last UTC day of the pack (included)' },
  out: { type: 'string', value: 'DIR', help: 'a new or empty directory for the evidence pack' },
  'as-of': {
    type: 'string',
    value: 'YYYY-MM-DD',
    help: "plan: judge the tenant as if this UTC day had come (today's ISC state; sends and archives nothing)",
  },
  'dry-run': { type: 'boolean', help: 'force report mode whatever the policy says' },
  force: { type: 'boolean', help: 'enable: re-enable a client the archive does not show the janitor disabled' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

interface CommandSpec {
  /** One line for the overview. */
  readonly summary: string;
  /** `Usage:` arguments after the command name. */
  readonly usage: string;
  /** The paragraph under the usage line. */
  readonly description: string;
  readonly flags: readonly FlagName[];
  /** Whether the command reads ISC credentials (its help then explains where they come from). */
  readonly credentials: boolean;
  /** Where this command's ISC credentials come from, when it differs from the usual paragraph. */
  readonly credentialsHelp?: string;
  /** Positional arguments after the command (a sub-command, a name); none by default. */
  readonly positionals?: { readonly max: number };
  /** What a flag means for this command when it differs from its line in FLAGS. */
  readonly flagHelp?: Partial<Record<FlagName, string>>;
  /** The value placeholder of a flag for this command when it differs from FLAGS (`--from YYYY-MM-DD`). */
  readonly flagValue?: Partial<Record<FlagName, string>>;
}

const TENANT_FLAGS = [
  'registry',
  'policy',
  'json',
  'tenant',
  'api-version',
  'secret-id',
  'topic-arn',
  'secrets-dir',
  'request-timeout',
  'max-run-time',
  'max-response-mb',
  'archive-dir',
] as const satisfies readonly FlagName[];

export const COMMAND_SPECS = {
  plan: {
    summary: 'evaluate the tenant and print the report; never changes anything',
    usage: '[flags]',
    description:
      'Evaluates every OAuth client against the policy and prints the report. Sends no change to ISC and\nwrites no secret, whatever the policy\'s mode. With --as-of, previews a later night: what would be\ndisabled, deleted or announced on that day if nobody used anything until then.',
    flags: [...TENANT_FLAGS, 'as-of'],
    credentials: true,
    flagHelp: {
      'secrets-dir': 'read managed client secrets from DIR (0600 files) instead of Secrets Manager, to plan rotations as run --secrets-dir would; writes nothing',
    },
  },
  run: {
    summary: 'evaluate and apply the policy (report mode unless the policy says "enforce")',
    usage: '[flags]',
    description:
      'Evaluates and applies the policy: with "mode": "enforce" it disables stale clients, deletes clients\nthat stayed disabled past the grace period and rotates aging secrets; otherwise it only reports.',
    flags: [...TENANT_FLAGS, 'dry-run'],
    credentials: true,
  },
  demo: {
    summary: 'start a local sandbox tenant, run the cleanup in enforce mode, print the report',
    usage: '[--json FILE] [--archive-dir DIR] [--out DIR]',
    description:
      'Starts a local ISC sandbox seeded with a realistic tenant, runs the cleanup in enforce mode against\nit and prints the report, then one client\'s history from the evidence archive (a temporary folder,\nor --archive-dir to keep it). Needs no credentials and touches nothing outside this machine.',
    flags: ['json', 'archive-dir', 'out'],
    credentials: false,
    flagHelp: { out: 'keep the evidence pack of the demo\'s two nights in DIR (a new or empty directory)' },
  },
  'create-client': {
    summary: 'create an OAuth client and store its secret (governed creation)',
    usage: '--file request.json [flags] | --example',
    description:
      'Creates an OAuth client from a CreateOAuthClientRequest JSON file and stores its secret at once\n(Secrets Manager, or --secrets-dir). Prints the client id and where the secret is; never the secret.\nThe request must fit the creation rules of the policy (by default: no sp:scopes:all, no internal client,\naccess tokens valid 12 hours at most); an empty or missing "scope" is always refused.\nA refused request exits 2 and creates nothing. (--policy supplies the creation rules and\nrotation.secretPrefix, where the secret is stored.)',
    flags: ['file', 'example', 'policy', 'tenant', 'api-version', 'secret-id', 'secrets-dir', 'request-timeout'],
    credentials: true,
  },
  history: {
    summary: 'what happened to a client (or a tenant\'s clients) across runs, from the evidence archive',
    usage: '--client ID | --tenant NAME [--since YYYY-MM-DD] [--json FILE] (--archive-dir DIR | --archive-bucket BUCKET)',
    description:
      'Rebuilds a timeline from the archived reports: when a client was found stale, warned about (upcoming),\ndisabled, deleted or rotated, by which run, and why. Oldest first. Reads the S3 archive the stack\nwrites (--archive-bucket) or a local folder with the same layout (--archive-dir). --json writes the\nentries as a JSON array (reportId, date, action, outcome, reason, ...).',
    flags: ['client', 'tenant', 'since', 'json', 'archive-dir', 'archive-bucket'],
    credentials: false,
    flagHelp: { tenant: "the tenant whose runs to show: its name in the archive (the registry name, or a CLI run's report label)" },
  },
  evidence: {
    summary: 'write the evidence pack of a tenant for a range of days (HTML, CSV, manifest), from the archive',
    usage: '--tenant NAME --from YYYY-MM-DD --to YYYY-MM-DD --out DIR (--archive-dir DIR | --archive-bucket BUCKET)',
    description:
      'Reads the runs of the tenant archived from --from to --to (UTC days, both included) and writes into --out:\n' +
      '  report.html      a summary per month, charts (credentials by state, actions per day, top owners of\n' +
      '                   stale credentials) and every action with its reason and run id; prints on A4\n' +
      '  actions.csv      every action; credentials.csv: every credential the archive names, its state at --to\n' +
      '  manifest.json    every archive object used (key, version id or path, size, SHA-256), each file\'s SHA-256\n' +
      '  SHA256SUMS, README.txt   how an auditor verifies the pack (sha256sum -c SHA256SUMS)\n' +
      'Reads only. A missing archive, no run in range, or a non-empty --out exits 2.',
    flags: ['tenant', 'from', 'to', 'out', 'archive-dir', 'archive-bucket'],
    credentials: false,
    flagHelp: {
      tenant: 'whose runs (the report\'s tenant label)',
      from: 'the first UTC day of the pack (included)',
      'archive-dir': 'read the evidence archive from this folder (it must exist)',
    },
    flagValue: { from: 'YYYY-MM-DD' },
  },
  tenants: {
    summary: 'manage the tenant registry: list, add, set, remove, import (no deploy needed)',
    usage: 'list | add NAME | set NAME | remove NAME | import --from FILE   [--registry TABLE] [flags]',
    description:
      'The tenants the deployed janitor runs, each at its own local time, are rows of the registry table\n' +
      '(stack output RegistryTableName; --registry or TENANT_REGISTRY_TABLE). Changes apply from the next\n' +
      '15-minute tick; nothing is deployed.\n' +
      '  list                 every tenant: schedule, paused or not, last nightly run, lease\n' +
      '  add NAME             register a tenant (--credentials-secret-arn is required)\n' +
      '  set NAME             change the given fields of a tenant; --enabled false pauses it\n' +
      '  remove NAME          unregister a tenant (refused while a run holds it; its secret is kept)\n' +
      '  import --from FILE   register the "tenants" of an old cdk.json. Run it once before deleting them\n' +
      '                       from cdk.json and deploying (it keeps the credentials secrets the old stack\n' +
      '                       created), and once after, with --registry (docs/fleet.md: Migrating from cdk.json tenants)\n' +
      'Fields are checked as the stack context checked them; an error names the field. add, set with\n' +
      '--credentials-secret-arn and import refuse a credentials secret, or a secret whose baseUrl host,\n' +
      'another tenant already has, naming that tenant (exit 2): two entries for one ISC tenant would delete\n' +
      'each other\'s rotation successors. Needs AWS credentials allowed to use the table and its KMS key,\n' +
      'and to read the tenants\' credentials secrets (GetSecretValue) for that check.\n' +
      '--report-emails: each address gets one email subscription to the reports topic, filtered to the\n' +
      'tenants that list it (it must confirm once). With --topic-arn (or REPORT_TOPIC_ARN) add, set and remove\n' +
      'make the subscriptions at once and list shows each address as confirmed or pending confirmation;\n' +
      'without, every 15-minute tick of the night makes them.',
    flags: ['registry', 'credentials-secret-arn', 'local-time', 'time-zone', 'tenant-policy', 'enabled', 'report-emails', 'topic-arn', 'from', 'json'],
    credentials: false,
    flagHelp: {
      'topic-arn':
        'list/add/set/remove: the reports topic (stack output ReportTopicArn; or REPORT_TOPIC_ARN): subscribe --report-emails now, show each address\'s state',
    },
    positionals: { max: 2 },
  },
  enable: {
    summary: 'undo a disable: re-enable a client the janitor disabled, and record it in the archive',
    usage: '--client ID [--reason TEXT] (--archive-dir DIR | --archive-bucket BUCKET) [--force] [flags]',
    description:
      'Re-enables an OAuth client (PATCH enabled=true) and checks ISC\'s answer. The evidence archive must show\nthe janitor disabled it (its last change there is a disable that was done); a client someone else\ndisabled, or with no archive to ask, needs --force. The change is archived as an "enable" action with\nyour reason, user and time, so history shows the undo. A client that stays unused is disabled again by\nthe next run: use it, or add its id to exempt.ids.',
    flags: ['client', 'reason', 'force', 'tenant', 'api-version', 'secret-id', 'archive-dir', 'archive-bucket', 'request-timeout'],
    credentials: true,
    flagHelp: {
      client: 'the OAuth client to re-enable',
      tenant: 'the tenant label its runs are archived under (default: from the base URL)',
      'archive-dir': 'the local evidence archive: checked for the janitor\'s disable, and given the record',
      'archive-bucket': 'the stack\'s archive bucket (output ReportArchiveBucket): checked, and given the record',
    },
  },
  'rotate-secret': {
    summary: "rotate a secret now with Secrets Manager's four-step protocol (locally with --secrets-dir)",
    usage: '--secret-id ID [--secrets-dir DIR]',
    description:
      'Starts a rotation of the secret (a managed client secret, or the janitor\'s own credentials) through\nSecrets Manager: RotateSecret, which runs createSecret, setSecret, testSecret and finishSecret in the\nstack\'s rotation function. Prints the new version; the function\'s log and the next report say how it went.\nWith --secrets-dir the same four steps run here, against the managed client secret ID in the directory\nstore, acting in ISC with the SAIL_* credentials; a failed step exits 1 and leaves AWSCURRENT as it was.',
    flags: ['secret-id', 'secrets-dir', 'api-version', 'request-timeout'],
    credentials: true,
    credentialsHelp:
      'Credentials: none of their own without --secrets-dir (Secrets Manager\'s rotation function acts with the\n' +
      'tenant\'s credentials secret). With --secrets-dir the steps act in ISC with SAIL_BASE_URL, SAIL_CLIENT_ID\n' +
      'and SAIL_CLIENT_SECRET. --secret-id is always the secret to rotate, never where credentials come from.',
    flagHelp: {
      'secret-id': 'the secret to rotate (name or ARN; with --secrets-dir its name in DIR)',
      'secrets-dir': 'run the four steps here, against the directory store in DIR',
    },
  },
  revoke: {
    summary: 'leak response: rotate a managed client secret at once and disable the leaked client',
    usage: '--secret-id ID [--secrets-dir DIR]',
    description:
      'After a suspected leak of a managed client secret: rotates it now through Secrets Manager (RotateSecret with\n' +
      'a version id revoke-<uuid>), even while the last rotation\'s predecessor is still enabled, which a plain\n' +
      'rotation refuses. At finishSecret, once the successor is AWSCURRENT, the leaked client (the one AWSCURRENT\n' +
      'held) and any older predecessor are disabled, not deleted, through the door with reason revoke; the step\'s\n' +
      'result and log name them, and the normal lifecycle deletes them later.\n' +
      'With --secrets-dir the four steps run here against the directory store, acting in ISC with the SAIL_*\n' +
      'credentials, and print what was revoked. The janitor\'s own credentials cannot be revoked (a personal\n' +
      'access token cannot be disabled): rotate them with rotate-secret and delete the leaked PAT.',
    flags: ['secret-id', 'secrets-dir', 'api-version', 'request-timeout'],
    credentials: true,
    flagHelp: {
      'secret-id': 'the managed client secret whose client leaked (name or ARN; with --secrets-dir its name in DIR)',
      'secrets-dir': 'run the four steps here, against the directory store in DIR',
    },
  },
} as const satisfies Record<string, CommandSpec>;

export type Command = keyof typeof COMMAND_SPECS;
export const COMMANDS = Object.keys(COMMAND_SPECS) as Command[];

/** `api-version` -> `apiVersion`. */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type FlagsOfType<T extends FlagSpec['type']> = { [K in FlagName]: (typeof FLAGS)[K]['type'] extends T ? K : never }[FlagName];

/** Parsed flags: string flags are absent when not given, boolean flags are always there. */
export type CliFlags = { readonly [K in FlagsOfType<'string'> as CamelCase<K>]?: string } & {
  readonly [K in FlagsOfType<'boolean'> as CamelCase<K>]: boolean;
};

export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
