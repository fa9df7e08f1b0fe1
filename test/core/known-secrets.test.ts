import { describe, expect, it } from 'vitest';
import { IscApiError } from '../../lambdas/core/isc-api-error.js';
import { MIN_SECRET_LENGTH, SecretRegistry, knownSecrets } from '../../lambdas/core/known-secrets.js';
import { hideSecret } from '../../lambdas/core/hide-secret.js';
import { redactingLogger } from '../../lambdas/core/redacting-logger.js';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('SecretRegistry', () => {
  it('replaces a registered value wherever it appears, raw, URL-encoded or JSON-escaped', () => {
    const registry = new SecretRegistry();
    const odd = 'p@ss/word+with "quotes" & more';
    registry.register(SECRET);
    registry.register(odd);

    expect(registry.redact(`invalid client secret ${SECRET}!`)).toBe('invalid client secret [redacted]!');
    expect(registry.redact(`client_secret=${new URLSearchParams({ v: odd }).toString().slice(2)}`)).toBe('client_secret=[redacted]');
    expect(registry.redact(`q=${encodeURIComponent(odd)}`)).toBe('q=[redacted]');
    expect(registry.redact(JSON.stringify({ echoed: `x ${odd} y` }))).toBe('{"echoed":"x [redacted] y"}');
  });

  it('replaces a secret that contains another one whole, not half of it', () => {
    const registry = new SecretRegistry();
    registry.register('inner-secret');
    registry.register('outer-inner-secret-tail');

    expect(registry.redact('got outer-inner-secret-tail')).toBe('got [redacted]');
  });

  it('ignores values too short to be a secret, and non-strings', () => {
    const registry = new SecretRegistry();
    registry.register('short');
    registry.register(undefined);
    registry.register(12345678);

    expect(registry.size).toBe(0);
    expect(registry.redact('a short word')).toBe('a short word');
    expect(MIN_SECRET_LENGTH).toBe(8);
  });

  it('also masks secret-looking JSON members and bearer tokens nobody registered', () => {
    const registry = new SecretRegistry();

    expect(registry.redact('{"id":"a","secret":"unknown-value","access_token":"tok"} Bearer abc.def')).toBe(
      '{"id":"a","secret":"[redacted]","access_token":"[redacted]"} Bearer [redacted]',
    );
  });

  it('redacts deep data: strings, secret-named keys, toJSON results, errors in place with their causes', () => {
    const registry = new SecretRegistry();
    registry.register(SECRET);
    const cause = new Error(`socket said ${SECRET}`);
    const error = new IscApiError('GET /v3/oauth-clients failed', { kind: 'network', method: 'GET', path: '/v3/oauth-clients' });
    Object.assign(error, { cause });
    const data = {
      list: [`a ${SECRET}`, 1, null],
      nested: { clientSecret: 'not-registered-but-named', password: 'hunter22hunter' },
      object: { toJSON: () => ({ value: SECRET }) },
      when: new Date(0),
      error,
    };

    const out = registry.redactDeep(data);

    expect(JSON.stringify(out)).not.toContain(SECRET);
    expect(out.nested).toEqual({ clientSecret: '[redacted]', password: '[redacted]' });
    expect(out.when).toEqual(new Date(0));
    expect(out.error).toBe(error);
    expect(error).toBeInstanceOf(IscApiError);
    expect(cause.message).toBe('socket said [redacted]');
    expect(cause.stack).not.toContain(SECRET);
  });

  it('forgets the oldest values past its bound', () => {
    const registry = new SecretRegistry();
    for (let i = 0; i < 2_100; i += 1) registry.register(`token-${String(i).padStart(8, '0')}`);

    expect(registry.size).toBe(2_000);
    expect(registry.redact('token-00002099')).toBe('[redacted]');
    expect(registry.redact('token-00000000')).toBe('token-00000000');
  });
});

describe('the process registry', () => {
  it('learns every value hidden with hideSecret, and IscApiError scrubs its message and texts', () => {
    const secret = 'hidden-and-registered-0f9e8d7c';
    hideSecret({ clientId: 'x', clientSecret: secret }, 'clientSecret');

    const error = new IscApiError(`POST /oauth/token failed: 500 ${secret}`, {
      kind: 'http',
      method: 'POST',
      path: '/oauth/token',
      messages: [`echo ${secret}`],
    });

    expect(knownSecrets.redact(`x ${secret}`)).toBe('x [redacted]');
    expect(error.message).toBe('POST /oauth/token failed: 500 [redacted]');
    expect(error.messages).toEqual(['echo [redacted]']);
  });
});

describe('redactingLogger', () => {
  it('scrubs the message and every field before the real logger sees them, appendKeys too', () => {
    const registry = new SecretRegistry();
    registry.register(SECRET);
    const seen: unknown[] = [];
    const inner = {
      debug: (...args: unknown[]) => seen.push(args),
      info: (...args: unknown[]) => seen.push(args),
      warn: (...args: unknown[]) => seen.push(args),
      error: (...args: unknown[]) => seen.push(args),
      appendKeys: (keys: Record<string, unknown>) => seen.push(keys),
    };
    const logger = redactingLogger(inner, registry);

    logger.info(`token ${SECRET}`);
    logger.error('action', { error: `echo ${SECRET}`, nested: [{ deep: SECRET }] });
    logger.appendKeys?.({ tenant: SECRET });

    expect(JSON.stringify(seen)).not.toContain(SECRET);
    expect(seen).toEqual([['token [redacted]'], ['action', { error: 'echo [redacted]', nested: [{ deep: '[redacted]' }] }], { tenant: '[redacted]' }]);
  });
});
