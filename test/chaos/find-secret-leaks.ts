/**
 * Invariant 4's second half: no secret in anything a run wrote. Checks the known secrets, and
 * any run of 64+ base64url characters: access tokens (48 random bytes) and secrets (32 bytes hex)
 * look like that, while ids and tracking ids (32 hex) and every word of a report are shorter.
 */
const TOKEN_LIKE = /[A-Za-z0-9_-]{64,}/;

export function findSecretLeaks(outputs: readonly string[], secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  outputs.forEach((text, index) => {
    for (const secret of secrets) if (secret !== '' && text.includes(secret)) leaks.push(`inv4: output #${index} contains a known secret`);
    const token = TOKEN_LIKE.exec(text);
    if (token) leaks.push(`inv4: output #${index} contains a token-like string of ${token[0].length} characters`);
  });
  return leaks;
}
