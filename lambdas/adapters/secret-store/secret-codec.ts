/**
 * How one kind of secret value is read from and written to its JSON text. The staged stores are
 * generic over it, so managed client secrets and the janitor's own credentials move through the
 * rotation protocol by the same code.
 */
export interface SecretCodec<V> {
  /** Validate `text`; errors name `source` and the fields, never the text. */
  parse(text: string | undefined, source: string): V;
  /** The stored form: exactly the value's fields, in a stable order. */
  serialize(value: V): string;
  /** What must never appear in an error message about `value`. */
  secretsOf(value: V): readonly string[];
}
