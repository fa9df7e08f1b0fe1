import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox.js';

/**
 * `npm run sandbox [-- --port 8787 --clients 40 --seed 1]`: a local fake ISC for curl and the
 * demo. The PAT it prints is a throwaway credential of this process, not a real secret.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    clients: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
  },
});

const port = Number(values.port);
const count = Number(values.clients);
const seed = Number(values.seed);
if (![port, count, seed].every(Number.isInteger) || port < 0 || count < 0) {
  console.error('usage: npm run sandbox -- [--port N] [--clients N] [--seed N]');
  process.exit(2);
}

const sandbox = await startSandbox({ port, seed: { count, seed } });
const { url } = sandbox;
const { clientId, clientSecret } = sandbox.credentials;
const someId = sandbox.state.all()[0]?.id ?? 'CLIENT_ID';

console.log(`ISC sandbox listening on ${url} (${count} seeded clients, seed ${seed}). Ctrl-C stops.

Fake PAT (local sandbox only, not a real credential):
  SAIL_BASE_URL=${url}
  SAIL_CLIENT_ID=${clientId}
  SAIL_CLIENT_SECRET=${clientSecret}

Try it:
  TOKEN=$(curl -s -X POST '${url}/oauth/token' -d grant_type=client_credentials \\
    -d client_id=${clientId} -d client_secret=${clientSecret} | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -s -G '${url}/v3/oauth-clients' -H "Authorization: Bearer $TOKEN" \\
    --data-urlencode 'filters=lastUsed le ${new Date(Date.now() - 90 * 86_400_000).toISOString()}'
  curl -s -X PATCH '${url}/v3/oauth-clients/${someId}' -H "Authorization: Bearer $TOKEN" \\
    -H 'Content-Type: application/json-patch+json' -d '[{"op":"replace","path":"/enabled","value":false}]'
  curl -s -i -X DELETE '${url}/v3/oauth-clients/${someId}' -H "Authorization: Bearer $TOKEN"
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
