/**
 * The candidate a typo most likely meant, for "did you mean ...?" hints: the one with the fewest
 * single-character edits (insert, delete, replace, swap two neighbours), if that is close enough
 * to be a slip rather than another word (at most 2 edits, and at most a third of the longer word).
 * Case is ignored. Ties go to the candidate listed first.
 */
export function closestMatch(typed: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed.toLowerCase(), candidate.toLowerCase());
    const allowed = Math.min(2, Math.floor(Math.max(typed.length, candidate.length) / 3));
    if (distance <= Math.max(1, allowed) && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` Did you mean X?` (with its leading space), or '' when nothing is close. */
export function didYouMean(typed: string, candidates: readonly string[], show: (candidate: string) => string = (c) => c): string {
  const match = closestMatch(typed, candidates);
  return match === undefined ? '' : ` Did you mean ${show(match)}?`;
}

/** Optimal string alignment distance: Levenshtein plus transposition of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i]!;
      const above = rows[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}
