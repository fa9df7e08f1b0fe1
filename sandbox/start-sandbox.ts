import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { errorResponse, statusResponse } from './error-response.js';
import { echoSecretReply, htmlReply, redirectReply, truncatedReply } from './fault-reply.js';
import { randomHex } from './random-hex.js';
import { RateLimiter } from './rate-limiter.js';
import { readBody } from './read-body.js';
import { describeFault, redactQuery } from './request-log.js';
import { makeSelfPat, SELF_IDENTITY } from './make-self-pat.js';
import { PatState } from './pat-state.js';
import { isMutatingClientsRequest, isMutatingPatRequest, resolveRoute } from './resolve-route.js';
import { routeRequest, type RouteDeps } from './route-request.js';
import { FaultController } from './sandbox-faults.js';
import { jsonReply, type Reply, type SandboxRequest } from './sandbox-http.js';
import { SandboxState } from './sandbox-state.js';
import type { Fault, RequestLogEntry, Sandbox, SandboxCredentials, SandboxOptions } from './sandbox-types.js';
import type { SandboxIdentity } from './sandbox-wire-types.js';
import { seedPats } from './seed-pats.js';
import { seedTenant } from './seed-tenant.js';
import { seedCreators } from './seed-creators.js';
import { SearchIndex } from './search-index.js';
import { identityDocument } from './audit-event.js';
import { sharedSpecValidator } from './spec/spec-validator.js';
import { TokenIssuer } from './token-issuer.js';

export type * from './sandbox-types.js';
export type * from './sandbox-wire-types.js';
export { UNKNOWN_ENUM_VALUES } from './sandbox-wire-types.js';
export { SELF_IDENTITY } from './make-self-pat.js';
export { PatState } from './pat-state.js';
export { SandboxState } from './sandbox-state.js';
export { SearchIndex } from './search-index.js';
export { apiClientEvent, identityDocument, loginName } from './audit-event.js';
export type { SeedOptions } from './seed-tenant.js';

/**
 * A local SailPoint ISC (OAuth clients and personal access tokens in every API version the
 * vendored spec has, plus the token endpoint) on 127.0.0.1, for tests, the demo, chaos tests and
 * benchmarks. Per request: log -> latency -> fault -> auth -> rate limit -> scopes -> route.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? (() => new Date());
  sharedSpecValidator(); // reads and compiles the spec now, not during the first requests
  const start = now();
  let credentials: SandboxCredentials = { ...(options.credentials ?? { clientId: randomHex(16), clientSecret: randomHex(32) }) };
  const selfIdentity: SandboxIdentity = { ...(options.selfIdentity ?? SELF_IDENTITY) };
  const identities: SandboxIdentity[] = [selfIdentity];
  const state = new SandboxState();
  const pats = new PatState();
  pats.put(makeSelfPat(credentials.clientId, selfIdentity, start, options.credentialsPat), credentials.clientSecret);
  for (const client of options.clients ?? []) state.put(client, options.secrets?.[client.id]);
  for (const pat of options.pats ?? []) pats.put(pat, options.patSecrets?.[pat.id]);
  const search = new SearchIndex();
  search.putIdentity(identityDocument(selfIdentity));
  if (options.seed !== undefined) {
    const { pats: patCount = 12, ...seed } = options.seed;
    const clients = seedTenant({ now: start, ...seed });
    for (const client of clients) state.put(client);
    const seeded = seedPats({ count: patCount, now: seed.now ?? start, ...(seed.seed === undefined ? {} : { seed: seed.seed }) });
    identities.push(...seeded.identities);
    for (const pat of seeded.pats) pats.put(pat, randomHex(32));
    const creators = seedCreators(clients, seeded.identities, seed.seed);
    for (const identity of creators.identities) search.putIdentity(identity);
    for (const event of creators.events) search.addEvent(event);
  }
  for (const identity of options.identityDocuments ?? []) search.putIdentity(identity);
  for (const event of options.auditEvents ?? []) search.addEvent(event);
  const issuer = new TokenIssuer(now, options.tokenTtlSeconds ?? 749);
  const limit = options.rateLimit ?? { requests: 100, windowMs: 10_000 };
  const faults = new FaultController(options.latencyMs);
  const requests: RequestLogEntry[] = [];
  let sparse = options.specSparse ?? false;
  const deps: RouteDeps = {
    state,
    pats,
    identities: () => identities,
    search,
    issuer,
    now,
    faults,
    tenantId: randomUUID(),
    limiter: limit === false ? undefined : new RateLimiter(limit.requests, limit.windowMs),
    retryAfter: options.retryAfter ?? 'integer',
    sparse: () => sparse,
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const resolved = resolveRoute(method, url.pathname);
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: redactQuery(url.searchParams, url.search),
      status: 0,
      route: resolved.route,
      ...('version' in resolved ? { version: resolved.version } : {}),
      at: now().getTime(),
    };
    requests.push(entry);
    const body = await readBody(req);
    const latency = faults.latencyFor(resolved.route);
    if (latency > 0) await delay(latency);
    let fault: Fault | undefined = faults.takeFault(resolved.route, method);
    let faultName = fault === undefined ? undefined : describeFault(fault);
    if (fault === undefined && faults.rollError(resolved.route)) {
      fault = { kind: 'status', status: 500 };
      faultName = 'error-rate';
    }
    if (faultName !== undefined) entry.fault = faultName;
    if (fault?.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'delay') await delay(fault.ms);
    const request: SandboxRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body: body ?? '' };
    let reply: Reply;
    if (body === undefined) reply = errorResponse(413, 'The request body is too large.');
    else if (fault?.kind === 'status') reply = statusResponse(fault.status, fault.retryAfterSeconds);
    else if (fault?.kind === 'html') reply = htmlReply(fault.status);
    else if (fault?.kind === 'redirect') reply = redirectReply(fault.status ?? 307, fault.location ?? `${baseUrl}/redirected${url.pathname}`);
    else if (fault?.kind === 'echo-secret') reply = echoSecretReply(request, credentials.clientSecret);
    else if (fault?.kind === 'stall' && !fault.processed) reply = jsonReply(200, []);
    else reply = await routeRequest(resolved, request, deps);
    if (fault?.kind === 'truncated') reply = truncatedReply(reply);
    if (fault?.kind === 'stall') stall(res, reply, entry);
    else send(res, reply, entry);
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      // A bug in the sandbox must look like a server fault, not hang the caller.
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    get credentials() {
      return { ...credentials };
    },
    state,
    pats,
    search,
    identities,
    selfIdentity,
    faults,
    requests,
    mutatingRequests: () => requests.filter((r) => isMutatingClientsRequest(r.method, r.path)).map((r) => ({ ...r })),
    mutatingPatRequests: () => requests.filter((r) => isMutatingPatRequest(r.method, r.path)).map((r) => ({ ...r })),
    setCredentials: (next) => {
      const previous = pats.get(credentials.clientId);
      pats.remove(credentials.clientId);
      const facts = previous === undefined ? options.credentialsPat : { ...previous };
      pats.put(makeSelfPat(next.clientId, selfIdentity, now(), facts), next.clientSecret);
      credentials = { ...next };
    },
    setSpecSparse: (on) => {
      sparse = on;
    },
    revokeTokens: () => issuer.revokeAll(),
    resetRateLimits: () => deps.limiter?.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}

function send(res: ServerResponse, reply: Reply, entry: RequestLogEntry): void {
  if (res.destroyed) return; // the client went away during latency: status stays 0
  entry.status = reply.status;
  const headers = { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) };
  if (reply.statusText === undefined) res.writeHead(reply.status, headers);
  else res.writeHead(reply.status, reply.statusText, headers);
  res.end(reply.body);
}

/** The reply's headers and first byte, then one more byte every 50 ms until the client gives up. */
function stall(res: ServerResponse, reply: Reply, entry: RequestLogEntry): void {
  if (res.destroyed) return;
  entry.status = reply.status;
  const { 'content-length': _length, ...headers } = reply.headers;
  res.writeHead(reply.status, headers);
  res.write(reply.body.slice(0, 1) || ' ');
  const timer = setInterval(() => res.write(' '), 50);
  res.on('close', () => clearInterval(timer)); // the client aborted, or close() dropped the socket
}
