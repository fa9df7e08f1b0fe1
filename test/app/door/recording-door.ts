import type { Door } from '../../../lambdas/app/door/door.js';

/** A door that records `operation id` and says done: for tests about what reaches the door, in which order. */
export function recordingDoor(calls: string[]): Door {
  return {
    pass: async (call) => {
      calls.push(`${call.operation} ${call.id}`);
      return { outcome: 'done' };
    },
  };
}
