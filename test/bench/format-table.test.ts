import { describe, expect, it } from 'vitest';
import { formatTable } from '../../bench/format-table.js';
import { median } from '../../bench/median.js';

describe('formatTable', () => {
  it('pads columns, right-aligns numbers (headers stay left) and puts the title first', () => {
    const text = formatTable('T', [{ header: 'name', value: (r: { n: string; v: number }) => r.n }, { header: 'v', value: (r) => r.v }], [
      { n: 'a', v: 5 },
      { n: 'bbbbb', v: 123 },
    ]);
    expect(text.split('\n')).toEqual(['T', 'name   v', '-----  ---', 'a        5', 'bbbbb  123']);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
