import { knownSecrets, REDACTED } from './known-secrets.js';

export { REDACTED } from './known-secrets.js';

/** `util.inspect.custom`, by its registered name: the core stays free of node modules. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Keep a secret-bearing value readable by code but not by accident: `JSON.stringify`, Powertools
 * Logger, `console.log` and `util.inspect` show `[redacted]` in place of `key`. Property access
 * (`value.clientSecret`) still works. The hooks are non-enumerable, so a spread copy is plain
 * data again (the caller who spreads a secret owns what happens next). Returns the frozen value.
 * The value is also registered in `knownSecrets`, so an echo of it is redacted from every output.
 */
export function hideSecret<T extends object>(value: T, key: keyof T & string): Readonly<T> {
  knownSecrets.register(value[key]);
  const redacted = () => ({ ...value, [key]: REDACTED });
  Object.defineProperty(value, 'toJSON', { value: redacted, enumerable: false });
  Object.defineProperty(value, INSPECT, { value: redacted, enumerable: false });
  return Object.freeze(value);
}
