import { vi } from 'vitest';

/**
 * Records every access token the sandbox hands out, by watching fetch (ky calls globalThis.fetch),
 * so redaction tests can assert no token leaks. Restore with `vi.restoreAllMocks()`.
 */
export function captureAccessTokens(): string[] {
  const tokens: string[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/oauth/token') && response.ok) {
      tokens.push(((await response.clone().json()) as { access_token: string }).access_token);
    }
    return response;
  });
  return tokens;
}
