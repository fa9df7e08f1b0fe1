import { parseSandboxArgs, SANDBOX_USAGE } from './parse-sandbox-args.js';
import { startSandbox } from './start-sandbox.js';

/**
 * `npm run sandbox [-- --port 8787 --clients 40 --pats 12 --seed 1 --spec-sparse]`: a local fake
 * ISC for curl and the demo. The PAT it prints is a throwaway credential of this process, not a
 * real secret. `--spec-sparse` answers as sparsely as the OpenAPI spec allows.
 */
const parsed = parseSandboxArgs(process.argv.slice(2));
if ('help' in parsed) {
  console.log(SANDBOX_USAGE);
  process.exit(0);
}
if ('error' in parsed) {
  console.error(`error: ${parsed.error}\nRun "npm run sandbox -- --help" for usage.`);
  process.exit(2);
}
const { port, clients: count, pats, seed, specSparse: sparse } = parsed.args;

const sandbox = await startSandbox({ port, seed: { count, seed, pats }, specSparse: sparse });
const { url } = sandbox;
const { clientId, clientSecret } = sandbox.credentials;
const someId = sandbox.state.all()[0]?.id ?? 'CLIENT_ID';

console.log(`ISC sandbox listening on ${url} (${count} seeded clients, ${pats} seeded PATs, seed ${seed}${sparse ? ', spec-sparse answers' : ''}). Ctrl-C stops.
API versions: /v3, /beta, /v2024, /v2025, /v2026 (e.g. /v3/oauth-clients) and /oauth-clients/v1, /personal-access-tokens/v1.

Fake PAT of "${sandbox.selfIdentity.name}" (local sandbox only, not a real credential). Paste into another shell:
  export SAIL_BASE_URL=${url}
  export SAIL_CLIENT_ID=${clientId}
  export SAIL_CLIENT_SECRET=${clientSecret}
  npm run janitor -- plan

Try it:
  TOKEN=$(curl -s -X POST '${url}/oauth/token' -d grant_type=client_credentials \\
    -d client_id=${clientId} -d client_secret=${clientSecret} | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -s -G '${url}/v3/oauth-clients' -H "Authorization: Bearer $TOKEN" \\
    --data-urlencode 'filters=lastUsed le ${new Date(Date.now() - 90 * 86_400_000).toISOString()}'
  curl -s -X PATCH '${url}/v3/oauth-clients/${someId}' -H "Authorization: Bearer $TOKEN" \\
    -H 'Content-Type: application/json-patch+json' -d '[{"op":"replace","path":"/enabled","value":false}]'
  curl -s -i -X DELETE '${url}/v3/oauth-clients/${someId}' -H "Authorization: Bearer $TOKEN"
  curl -s '${url}/v2025/personal-access-tokens?owner-id=me' -H "Authorization: Bearer $TOKEN"
`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
