import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC_DIRECTORY, loadSpec, requestSchema, responseSchema } from '../../../sandbox/spec/load-spec.js';
import { openEnums } from '../../../sandbox/spec/open-enums.js';
import { OPERATION_NAMES, SPEC_VERSIONS } from '../../../sandbox/spec/spec-types.js';
import { SpecValidator } from '../../../sandbox/spec/spec-validator.js';

const CLIENT = {
  id: '2c9180835d2e5168015d32f890ca1581',
  businessName: null,
  homepageUrl: null,
  name: 'ci-deploy-bot',
  description: null,
  accessTokenValiditySeconds: 750,
  refreshTokenValiditySeconds: 86400,
  redirectUris: null,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  type: 'CONFIDENTIAL',
  internal: false,
  enabled: true,
  strongAuthSupported: false,
  claimsSupported: false,
  created: '2017-07-11T18:45:37.098Z',
  modified: '2018-06-25T20:22:28.104Z',
  scope: null,
};

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('loadSpec', () => {
  const spec = loadSpec();

  it('has the nine operations in every version, at the documented paths', () => {
    for (const version of SPEC_VERSIONS) {
      expect(OPERATION_NAMES.map((name) => spec.operation(version, name).version)).toEqual(OPERATION_NAMES.map(() => version));
    }
    expect(spec.operations).toHaveLength(SPEC_VERSIONS.length * OPERATION_NAMES.length);
    expect(spec.operation('v2026', 'patchOauthClient')).toMatchObject({ method: 'PATCH', path: '/v2026/oauth-clients/{id}' });
    expect(spec.operation('v1', 'listOauthClients')).toMatchObject({ method: 'GET', path: '/oauth-clients/v1', operationId: 'listOauthClientsV1' });
    expect(spec.operation('v1', 'deletePersonalAccessToken').path).toBe('/personal-access-tokens/v1/{id}');
  });

  it('has search in v3 and v1 only, kept apart from the credential operations, needing sp:search:read', () => {
    expect(spec.searchOperations.map((op) => [op.version, op.method, op.path, op.operationId])).toEqual([
      ['v3', 'POST', '/v3/search', 'searchPost'],
      ['v1', 'POST', '/search/v1', 'searchPostV1'],
    ]);
    expect(spec.searchOperation('v1').security).toEqual([{ userAuth: ['sp:search:read'] }, { applicationAuth: ['sp:search:read'] }]);
    expect(spec.searchOperation('v3').parameters.map((p) => [p.name, p.schema.maximum])).toEqual([['offset', undefined], ['limit', 10000], ['count', undefined]]);
    expect(spec.matchSearch('POST', '/v3/search')?.version).toBe('v3');
    expect(spec.matchSearch('POST', '/search/v1/count')).toBeUndefined();
    expect(spec.matchSearch('GET', '/v3/search')).toBeUndefined();
    expect(spec.match('POST', '/v3/search')).toBeUndefined();
  });

  it('checks search hits against their index document (the 200 oneOf matches several kinds at once)', () => {
    const validator = new SpecValidator();
    const event = { id: 'e1', name: 'API_CLIENT_CREATED', _type: 'event', actor: { name: 'jane.doe' }, target: { name: 'ci-bot' }, created: '2026-01-01T00:00:00Z', attributes: { id: 'x' } };
    const items = spec.searchOperation('v3').responses['200']?.schema?.items;
    expect(items === undefined ? undefined : validator.check(items, event)).toEqual({ valid: false, errors: ['(body) must match exactly one schema in oneOf'] });
    for (const version of ['v3', 'v1'] as const) {
      expect(validator.check(spec.searchDocumentSchema(version, 'events'), event)).toEqual({ valid: true });
      expect(validator.check(spec.searchDocumentSchema(version, 'identities'), { id: 'i1', name: 'jane.doe', _type: 'identity', inactive: 'no' }).valid).toBe(false);
    }
  });

  it('matches concrete request paths, and only those', () => {
    expect(spec.match('get', '/oauth-clients/v1/abc%20d')).toMatchObject({ operation: { version: 'v1', operation: 'getOauthClient' }, params: { id: 'abc d' } });
    expect(spec.match('POST', '/beta/personal-access-tokens')?.operation.operation).toBe('createPersonalAccessToken');
    expect(spec.match('GET', '/v1/oauth-clients')).toBeUndefined();
    expect(spec.match('GET', '/v3/personal-access-tokens/x')).toBeUndefined(); // no get-by-id for PATs
  });

  it('reaches every vendored YAML file and nothing else is vendored', () => {
    const yaml = listFiles(SPEC_DIRECTORY).filter((file) => file.endsWith('.yaml'));
    expect(spec.files.map((file) => relative(SPEC_DIRECTORY, file)).sort()).toEqual(yaml.map((file) => relative(SPEC_DIRECTORY, file)).sort());
    const others = listFiles(SPEC_DIRECTORY).filter((file) => !file.endsWith('.yaml')).map((file) => relative(SPEC_DIRECTORY, file));
    expect(others.sort()).toEqual(['LICENSE', 'README.md']);
  });

  it('resolves $refs across files, including beta into v3 and v1 into apis/shared', () => {
    const beta400 = responseSchema('beta', 'listOauthClients', 400);
    expect(beta400?.title).toBe('Error Response Dto');
    expect(responseSchema('v1', 'patchPersonalAccessToken', 404)).toEqual(responseSchema('v3', 'patchPersonalAccessToken', 404));
    expect(responseSchema('beta', 'createPersonalAccessToken', 200)?.properties?.owner?.title).toBe('Pat Owner');
    expect(JSON.stringify(spec.operations)).not.toContain('$ref');
  });

  it('turns nullable into type arrays and drops OpenAPI-only keywords', () => {
    const client = responseSchema('v3', 'getOauthClient', 200);
    expect(client?.properties?.lastUsed?.type).toEqual(['string', 'null']);
    expect(client?.properties?.enabled?.type).toBe('boolean');
    expect(client?.required).not.toContain('lastUsed');
    const text = JSON.stringify(spec.operations);
    expect(text).not.toContain('"nullable"');
    expect(text).not.toContain('"example"');
    expect(text).not.toMatch(/"x-sailpoint/);
  });

  it('knows the create responses are not full clients', () => {
    const created = responseSchema('v2026', 'createOauthClient', 200);
    expect(Object.keys(created?.properties ?? {})).not.toEqual(expect.arrayContaining(['lastUsed']));
    expect(created?.properties).not.toHaveProperty('metadata');
    expect(created?.required).toContain('secret');
  });

  it('tells the PAT versions apart: expirationDate nullable from v2025 (and in beta and v1), never-expiry acknowledgement from v2025', () => {
    const expiration = (version: 'v3' | 'beta' | 'v2024' | 'v2025' | 'v2026' | 'v1') =>
      responseSchema(version, 'listPersonalAccessTokens', 200)?.items?.properties?.expirationDate?.type;
    expect(expiration('v3')).toBe('string');
    expect(expiration('v2024')).toBe('string');
    expect(expiration('beta')).toEqual(['string', 'null']);
    expect(expiration('v2025')).toEqual(['string', 'null']);
    expect(expiration('v1')).toEqual(['string', 'null']);
    expect(requestSchema('v3', 'createPersonalAccessToken')?.properties).not.toHaveProperty('userAwareTokenNeverExpires');
    expect(requestSchema('v2025', 'createPersonalAccessToken')?.properties).toHaveProperty('userAwareTokenNeverExpires');
    // `items` beside `type: integer` never applies and is dropped.
    expect(requestSchema('v3', 'createPersonalAccessToken')?.properties?.accessTokenValiditySeconds).not.toHaveProperty('items');
  });

  it('answers null for a bodiless status and throws for an undocumented one', () => {
    expect(responseSchema('v3', 'deleteOauthClient', 204)).toBeNull();
    expect(() => responseSchema('v3', 'listOauthClients', 404)).toThrow(/documents no 404/);
    expect(requestSchema('v3', 'listOauthClients')).toBeNull();
  });

  it('hands out frozen schemas', () => {
    const schema = responseSchema('v3', 'getOauthClient', 200);
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.isFrozen(schema?.properties?.grantTypes?.items)).toBe(true);
  });
});

describe('SpecValidator', () => {
  const strict = new SpecValidator();

  it('accepts a minimal client (only required keys) and nulls where the spec allows them', () => {
    expect(strict.response('v3', 'getOauthClient', 200, CLIENT)).toEqual({ valid: true });
    expect(strict.response('v1', 'listOauthClients', 200, [{ ...CLIENT, lastUsed: null, metadata: null, secret: null }])).toEqual({ valid: true });
  });

  it('rejects a missing required key, a null where none is allowed and a bad date-time', () => {
    const { enabled: _enabled, ...noEnabled } = CLIENT;
    expect(strict.response('v3', 'getOauthClient', 200, noEnabled)).toMatchObject({ valid: false, errors: [expect.stringContaining("'enabled'")] });
    expect(strict.response('v3', 'getOauthClient', 200, { ...CLIENT, name: null }).valid).toBe(false);
    expect(strict.response('v3', 'getOauthClient', 200, { ...CLIENT, lastUsed: 'yesterday' })).toMatchObject({ valid: false, errors: ['/lastUsed must match format "date-time"'] });
    expect(strict.response('v3', 'getOauthClient', 200, { ...CLIENT, accessTokenValiditySeconds: 2 ** 31 }).valid).toBe(false);
  });

  it('rejects enum values the spec does not list, unless enums are opened', () => {
    const hybrid = { ...CLIENT, type: 'HYBRID', grantTypes: ['DEVICE_CODE'], accessType: 'SEMI' };
    expect(strict.response('v2025', 'getOauthClient', 200, hybrid).valid).toBe(false);
    expect(new SpecValidator({ openEnums: true }).response('v2025', 'getOauthClient', 200, hybrid)).toEqual({ valid: true });
    const opened = openEnums(responseSchema('v3', 'getOauthClient', 200) ?? {});
    expect(opened.properties?.grantTypes?.items).toMatchObject({ type: 'string', examples: ['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE', 'REFRESH_TOKEN'] });
    expect(opened.properties?.grantTypes?.items).not.toHaveProperty('enum');
  });

  it('checks statuses: an undocumented status fails, a 204 must be empty', () => {
    expect(strict.response('v3', 'listOauthClients', 404, {}).valid).toBe(false);
    expect(strict.response('v3', 'deleteOauthClient', 204, undefined)).toEqual({ valid: true });
    expect(strict.response('v3', 'deleteOauthClient', 204, {}).valid).toBe(false);
    expect(strict.response('v3', 'listOauthClients', 401, { error: 'JWT validation failed: JWT is expired' })).toEqual({ valid: true });
    expect(strict.response('v2024', 'listOauthClients', 500, { detailCode: '500.0 Internal Fault', messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'x' }] })).toEqual({ valid: true });
  });

  it('validates request bodies: a create without name, a patch value of null', () => {
    const request = { name: 'x', description: 'd', accessTokenValiditySeconds: 750, grantTypes: ['CLIENT_CREDENTIALS'], accessType: 'OFFLINE', enabled: true };
    expect(strict.request('v3', 'createOauthClient', request)).toEqual({ valid: true });
    expect(strict.request('v3', 'createOauthClient', { ...request, name: undefined }).valid).toBe(false);
    expect(strict.request('v1', 'patchOauthClient', [{ op: 'replace', path: '/enabled', value: false }])).toEqual({ valid: true });
    expect(strict.request('v1', 'patchOauthClient', [{ op: 'replace', path: '/businessName', value: null }]).valid).toBe(false);
    expect(strict.request('v2025', 'createPersonalAccessToken', { name: 'x', expirationDate: null, userAwareTokenNeverExpires: true })).toEqual({ valid: true });
  });
});
