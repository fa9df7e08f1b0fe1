import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodyExcerpt } from '../../../lambdas/adapters/isc/body-excerpt.js';
import { apiErrorFromResponse, decodeResponse, type IscResponse } from '../../../lambdas/adapters/isc/decode-response.js';
import { IscApiError, IscAuthError, isIscApiError, isIscAuthError } from '../../../lambdas/core/isc-api-error.js';

const ctx = { method: 'GET', path: '/v3/oauth-clients' };
const res = (over: Partial<IscResponse>): IscResponse => ({
  status: 200,
  statusText: 'OK',
  contentType: 'application/json',
  retryAfter: null,
  location: null,
  text: '',
  ...over,
});

describe('bodyExcerpt', () => {
  it('masks secret-looking members and bearer tokens, even when cut off', () => {
    const text = bodyExcerpt('{"id":"a","secret":"s3cr3t-value","access_token":"tok123"} Bearer abc.def', 200);
    expect(text).not.toMatch(/s3cr3t|tok123|abc\.def/);
    expect(bodyExcerpt('{"id":"a","secret":"s3cr3t-va')).not.toContain('s3cr3t');
  });

  it('collapses whitespace and cuts long bodies', () => {
    expect(bodyExcerpt('<p>\n  a   b </p>')).toBe('<p> a b </p>');
    expect(bodyExcerpt('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});

describe('decodeResponse', () => {
  const schema = z.object({ id: z.string() });

  it('returns the validated body', () => {
    expect(decodeResponse(schema, res({ text: '{"id":"a"}' }), ctx)).toEqual({ id: 'a' });
  });

  it('names an empty body', () => {
    expect(() => decodeResponse(schema, res({ text: '' }), ctx)).toThrow('ISC returned an empty body for GET /v3/oauth-clients (status 200)');
  });

  it('does not quote a malformed JSON body (it may hold a secret)', () => {
    const error = (() => {
      try {
        decodeResponse(schema, res({ text: '{"id":"a","secret":"abcdefgh' }), ctx);
      } catch (e) {
        return e as IscApiError;
      }
      return undefined;
    })();
    expect(error?.kind).toBe('invalid-response');
    expect(error?.message).not.toContain('abcdefgh');
  });
});

describe('apiErrorFromResponse', () => {
  it('reads an ErrorResponseDto', () => {
    const body = { detailCode: '400.1 Bad Request Content', trackingId: 't-1', messages: [{ locale: 'en-US', text: 'bad filter' }] };
    const error = apiErrorFromResponse(res({ status: 400, statusText: 'Bad Request', text: JSON.stringify(body) }), ctx);
    expect(error.message).toBe('GET /v3/oauth-clients failed: 400.1 Bad Request Content: bad filter (tracking id t-1)');
    expect(error).toMatchObject({ status: 400, detailCode: '400.1 Bad Request Content', trackingId: 't-1', messages: ['bad filter'] });
  });

  it('reads the 429 gateway body and falls back to the status line', () => {
    const error = apiErrorFromResponse(res({ status: 429, statusText: 'Too Many Requests', text: '{"message":" Rate Limit Exceeded "}' }), ctx);
    expect(error.message).toBe('GET /v3/oauth-clients failed: 429 Too Many Requests: Rate Limit Exceeded');
  });
});

describe('IscApiError', () => {
  it('serializes its context, including the message', () => {
    const error = new IscApiError('m', { kind: 'http', status: 500, method: 'GET', path: '/p', trackingId: 't' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'IscApiError', message: 'm', status: 500, trackingId: 't' });
    expect(isIscApiError(error)).toBe(true);
    expect(isIscAuthError(error)).toBe(false);
  });

  it('has an auth subclass that names the client id', () => {
    const error = new IscAuthError('m', { status: 401, method: 'POST', path: '/oauth/token', clientId: 'c1' });
    expect(error).toBeInstanceOf(IscApiError);
    expect(error).toMatchObject({ kind: 'auth', clientId: 'c1', name: 'IscAuthError' });
    expect(isIscAuthError(error)).toBe(true);
  });
});
