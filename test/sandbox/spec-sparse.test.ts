import { afterEach, describe, expect, it } from 'vitest';
import { makeSeedClient } from '../../sandbox/make-seed-client.js';
import { UNKNOWN_ENUM_VALUES, startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import { FIXED_NOW, VERSIONS, api, apiPath, tokenFor } from './sandbox-http-client.js';

const strict = new SpecValidator();
const open = new SpecValidator({ openEnums: true });
const DAY = 86_400_000;
const client = (id: string, lastUsed: number | null) =>
  makeSeedClient({ id, name: id, businessName: null, internal: false, enabled: true, scope: ['sp:scopes:all'], created: FIXED_NOW.getTime() - 400 * DAY, modified: FIXED_NOW.getTime() - 300 * DAY, lastUsed });
const CREATE = { name: 'made-here', description: 'x', accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'OFFLINE', enabled: true };

describe('startSandbox specSparse', () => {
  let sandbox: Sandbox;
  afterEach(async () => sandbox.close());

  it('leaves out every optional key that says nothing, keeps lastUsed of a used client', async () => {
    sandbox = await startSandbox({ now: () => FIXED_NOW, specSparse: true, clients: [client('used', FIXED_NOW.getTime() - DAY), client('never', null)], seed: { count: 0, pats: 12 } });
    const token = await tokenFor(sandbox);
    for (const version of VERSIONS) {
      const list = (await (await api(sandbox, 'GET', apiPath(version, 'oauth-clients'), { token })).json()) as Record<string, unknown>[];
      expect(strict.response(version, 'listOauthClients', 200, list)).toEqual({ valid: true });
      const [used, never] = list;
      expect(used).toMatchObject({ id: 'used', lastUsed: new Date(FIXED_NOW.getTime() - DAY).toISOString() });
      for (const key of ['secret', 'metadata']) expect(used).not.toHaveProperty(key);
      expect(never).not.toHaveProperty('lastUsed');
      expect(never).toHaveProperty('businessName', null); // required, so present even when null
      const pats = (await (await api(sandbox, 'GET', apiPath(version, 'personal-access-tokens'), { token })).json()) as Record<string, unknown>[];
      expect(strict.response(version, 'listPersonalAccessTokens', 200, pats)).toEqual({ valid: true });
      expect(pats.some((pat) => pat.managed === true)).toBe(true);
      expect(pats.every((pat) => pat.managed !== false && pat.lastUsed !== null && pat.expirationDate !== null && pat.accessTokenValiditySeconds === undefined)).toBe(true);
    }
  });

  it('creates a client without lastUsed and metadata, and a PAT without extras', async () => {
    sandbox = await startSandbox({ now: () => FIXED_NOW, specSparse: true });
    const token = await tokenFor(sandbox);
    const created = (await (await api(sandbox, 'POST', '/oauth-clients/v1', { token, body: CREATE })).json()) as Record<string, unknown>;
    expect(strict.response('v1', 'createOauthClient', 200, created)).toEqual({ valid: true });
    expect(Object.keys(created)).not.toEqual(expect.arrayContaining(['lastUsed']));
    expect(created).not.toHaveProperty('metadata');
    expect(created).toMatchObject({ businessName: '', homepageUrl: '', redirectUris: [], secret: expect.any(String) });
    const pat = (await (await api(sandbox, 'POST', '/v2026/personal-access-tokens', { token, body: { name: 'p', expirationDate: '2026-06-01T00:00:00.000Z' } })).json()) as Record<string, unknown>;
    expect(Object.keys(pat).sort()).toEqual(['accessTokenValiditySeconds', 'created', 'expirationDate', 'id', 'name', 'owner', 'scope', 'secret']);
  });

  it('answers with every key by default, and setSpecSparse switches at run time', async () => {
    sandbox = await startSandbox({ now: () => FIXED_NOW, clients: [client('never', null)] });
    const token = await tokenFor(sandbox);
    const get = async (): Promise<Record<string, unknown>> => (await (await api(sandbox, 'GET', '/v3/oauth-clients/never', { token })).json()) as Record<string, unknown>;
    expect(await get()).toMatchObject({ lastUsed: null, metadata: null, secret: null });
    sandbox.setSpecSparse(true);
    expect(await get()).not.toHaveProperty('lastUsed');
    const created = (await (await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: CREATE })).json()) as Record<string, unknown>;
    expect(created).not.toHaveProperty('lastUsed');
    sandbox.setSpecSparse(false);
    const full = (await (await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: { ...CREATE, name: 'full' } })).json()) as Record<string, unknown>;
    expect(full).toMatchObject({ lastUsed: null, metadata: null });
  });
});

describe('startSandbox with enum values outside the spec lists', () => {
  let sandbox: Sandbox;
  afterEach(async () => sandbox.close());

  it('serves seeded and put clients with unknown grant types, types and access types', async () => {
    sandbox = await startSandbox({ now: () => FIXED_NOW, seed: { count: 10, seed: 4, unknownEnums: 3 } });
    sandbox.state.put({ ...client('hybrid', null), type: 'HYBRID', grantTypes: ['DEVICE_CODE', 'TOKEN_EXCHANGE'] });
    const token = await tokenFor(sandbox);
    const list = (await (await api(sandbox, 'GET', '/v2026/oauth-clients', { token })).json()) as { grantTypes: string[]; type: string; accessType: string }[];
    expect(list.filter((c) => c.grantTypes.includes(UNKNOWN_ENUM_VALUES.grantType))).toHaveLength(2);
    expect(list.filter((c) => c.type === UNKNOWN_ENUM_VALUES.type)).toHaveLength(2);
    expect(list.filter((c) => c.accessType === UNKNOWN_ENUM_VALUES.accessType)).toHaveLength(1);
    expect(strict.response('v2026', 'listOauthClients', 200, list).valid).toBe(false);
    expect(open.response('v2026', 'listOauthClients', 200, list)).toEqual({ valid: true });
  });

  it('keeps the rest of a seeded tenant unchanged', async () => {
    sandbox = await startSandbox({ now: () => FIXED_NOW, seed: { count: 10, seed: 4, unknownEnums: 3 } });
    const plain = await startSandbox({ now: () => FIXED_NOW, seed: { count: 10, seed: 4 } });
    try {
      const strip = (c: { grantTypes: string[]; type: string; accessType: string }) => ({ ...c, grantTypes: null, type: null, accessType: null });
      expect(sandbox.state.all().map(strip)).toEqual(plain.state.all().map(strip));
    } finally {
      await plain.close();
    }
  });

  it('still refuses unknown enum values in requests, as the spec lists them', async () => {
    sandbox = await startSandbox({ now: () => FIXED_NOW });
    const token = await tokenFor(sandbox);
    const response = await api(sandbox, 'POST', '/v3/oauth-clients', { token, body: { ...CREATE, grantTypes: ['DEVICE_CODE'] } });
    expect(response.status).toBe(400);
  });
});
