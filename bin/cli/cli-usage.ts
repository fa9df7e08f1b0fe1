/** `--help` texts: one per command, plus the overview. */

const COMMON_FLAGS = `Credentials: SAIL_BASE_URL (https://{tenant}.api.identitynow.com), SAIL_CLIENT_ID and
SAIL_CLIENT_SECRET (a personal access token with sp:oauth-client:read and :manage), optional
ISC_API_VERSION (v3 | beta | v2024, default v3); or --secret-id to read them from Secrets Manager.

Flags:
  --policy FILE        policy JSON (see README); default: report mode with default thresholds
  --json FILE          also write the RunReport as JSON to FILE
  --tenant NAME        label used in the report (default: from the base URL, acme for acme.api.identitynow.com)
  --api-version V      v3 | beta | v2024 (overrides ISC_API_VERSION)
  --secret-id ID       read {"baseUrl","clientId","clientSecret"} from this Secrets Manager secret
  --topic-arn ARN      also publish the report to this SNS topic
  --secrets-dir DIR    store rotated client secrets in DIR (0600 files) instead of Secrets Manager
  -h, --help           this help`;

export const USAGE: Record<string, string> = {
  main: `isc-oauth-janitor: find and clean up stale SailPoint ISC OAuth API clients.

Usage: npm run janitor -- <command> [flags]

Commands:
  plan           evaluate the tenant and print the report; never changes anything
  run            evaluate and apply the policy (report mode unless the policy says "enforce")
  demo           start a local sandbox tenant, run the cleanup in enforce mode, print the report
  create-client  create an OAuth client and store its secret (governed creation)

Run "npm run janitor -- <command> --help" for a command's flags.
Exit codes: 0 nothing failed, 1 an action failed, 2 bad usage/config/credentials, 3 blocked by the guard.`,
  plan: `Usage: npm run janitor -- plan [flags]

Evaluates every OAuth client against the policy and prints the report. Sends no change to ISC and
writes no secret, whatever the policy's mode.

${COMMON_FLAGS}`,
  run: `Usage: npm run janitor -- run [flags]

Evaluates and applies the policy: with "mode": "enforce" it disables stale clients, deletes clients
that stayed disabled past the grace period and rotates aging secrets; otherwise it only reports.
  --dry-run            force report mode whatever the policy says

${COMMON_FLAGS}`,
  demo: `Usage: npm run janitor -- demo [--json FILE]

Starts a local ISC sandbox seeded with a realistic tenant, runs the cleanup in enforce mode against
it and prints the report. Needs no credentials and touches nothing outside this machine.`,
  'create-client': `Usage: npm run janitor -- create-client --file request.json [flags]

Creates an OAuth client from a CreateOAuthClientRequest JSON file and stores its secret at once
(Secrets Manager, or --secrets-dir). Prints the client id and where the secret is; never the secret.
An empty or missing "scope" is refused: ISC would grant sp:scopes:all.
  --file FILE          the CreateOAuthClientRequest JSON
  (--policy FILE here only supplies rotation.secretPrefix, where the secret is stored)

${COMMON_FLAGS}`,
};
