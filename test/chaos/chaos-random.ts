import { mulberry32 } from '../../sandbox/mulberry32.js';

/**
 * The one source of randomness of a chaos run: every choice (tenant, policy, fault schedule)
 * comes from this seeded PRNG, so a failing seed replays the same scenario.
 */
export interface ChaosRandom {
  /** [0, 1) */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function chaosRandom(seed: number): ChaosRandom {
  // Spread small consecutive seeds apart so run 1 and run 2 do not start alike.
  const next = mulberry32(Math.imul(seed, 0x9e3779b1) ^ 0x5bd1e995);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
  };
}
