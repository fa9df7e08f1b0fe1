import { ObjectExistsError } from '../../lambdas/adapters/archive/object-exists-error.js';
import type { ObjectStore } from '../../lambdas/adapters/archive/object-store.js';

/**
 * An ObjectStore in memory, listing as S3 does (by prefix, after `startAfter`, in key order), for
 * tests that need an archive but not its storage. `unreadable` makes every listing and read fail
 * (writes still land): an archive the run cannot consult.
 */
export function memoryObjectStore(options: { unreadable?: boolean } = {}): ObjectStore {
  const objects = new Map<string, string>();
  const refuse = (): never => {
    throw new Error('archive unreachable (test)');
  };
  return {
    locationOf: (key) => `memory://${key}`,
    put: async (key, body) => {
      // Written once, as S3 with If-None-Match and the directory store.
      if (objects.has(key)) throw new ObjectExistsError(`memory://${key}`);
      objects.set(key, body);
    },
    get: async (key) => (options.unreadable ? refuse() : (objects.get(key) ?? refuse())),
    read: async (key) => ({ bytes: new TextEncoder().encode(options.unreadable ? refuse() : (objects.get(key) ?? refuse())) }),
    async *list(prefix, startAfter) {
      if (options.unreadable) refuse();
      yield* [...objects.keys()].filter((key) => key.startsWith(prefix) && (startAfter === undefined || key > startAfter)).sort();
    },
  };
}
