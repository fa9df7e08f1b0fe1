/** A write refused because the key already holds an object: archive objects are never replaced. */
export class ObjectExistsError extends Error {
  override readonly name = 'ObjectExistsError';

  constructor(readonly location: string, options?: ErrorOptions) {
    super(`${location} already exists; evidence is written once and never replaced (a second write of the same report, or someone else's object)`, options);
  }
}
