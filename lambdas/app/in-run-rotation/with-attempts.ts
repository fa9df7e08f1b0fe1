import { setTimeout as delay } from 'node:timers/promises';

/**
 * Run `task` up to `attempts` times with a doubling pause; rethrow the last error. Only for
 * operations that are safe to repeat: a secret write carrying an idempotency token, a DELETE.
 */
export async function withAttempts<T>(task: () => Promise<T>, attempts: number, delayMs: number): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.max(1, attempts); attempt += 1) {
    if (attempt > 0 && delayMs > 0) await delay(delayMs * 2 ** (attempt - 1));
    try {
      return await task();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
