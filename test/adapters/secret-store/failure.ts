/** The error a promise rejects with; fails the test if it resolves instead. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, but the promise resolved');
    },
    (error: unknown) => error as Error,
  );
}
