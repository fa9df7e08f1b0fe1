import { ConfigError } from '../../lambdas/core/config-error.js';

/** The ConfigError `run` throws; any other error is rethrown, and not throwing fails the test. */
export function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
