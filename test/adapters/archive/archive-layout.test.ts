import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  archiveBodies,
  archiveDateOf,
  archiveKey,
  ArchiveKeyError,
  decodeKeySegment,
  encodeKeySegment,
  parseArchiveKey,
  parseNdjson,
} from '../../../lambdas/adapters/archive/archive-layout.js';
import { fixtureReport } from '../report/fixture-report.js';

describe('archive key layout', () => {
  it('names the three files of a run by tenant, UTC date of startedAt and report id', () => {
    const run = { tenant: 'acme', date: '2026-11-23', reportId: '6f1c2a9e-0b7d-4c1e-9a55-2d1f3e4b5c6d' };
    expect(archiveKey('reports', run)).toBe('reports/tenant=acme/date=2026-11-23/6f1c2a9e-0b7d-4c1e-9a55-2d1f3e4b5c6d.json');
    expect(archiveKey('actions', run)).toBe('actions/tenant=acme/date=2026-11-23/6f1c2a9e-0b7d-4c1e-9a55-2d1f3e4b5c6d.ndjson');
    expect(archiveKey('upcoming', run)).toBe('upcoming/tenant=acme/date=2026-11-23/6f1c2a9e-0b7d-4c1e-9a55-2d1f3e4b5c6d.ndjson');
  });

  it('dates a run by the UTC day of its startedAt, whatever offset the timestamp was written with', () => {
    expect(archiveDateOf('2026-11-23T23:59:59.999Z')).toBe('2026-11-23');
    expect(archiveDateOf('2026-11-24T00:30:00+01:00')).toBe('2026-11-23');
    expect(() => archiveDateOf('yesterday')).toThrow(ArchiveKeyError);
  });

  it.each([
    ['a slash', 'acme/../../etc', 'acme%2F%2E%2E%2F%2E%2E%2Fetc'],
    ['a lone ..', '..', '%2E%2E'],
    ['an equals sign', 'date=2020-01-01', 'date%3D2020-01-01'],
    ['a leading dot', '.hidden', '%2Ehidden'],
    ['a percent sign', '100%', '100%25'],
    ['accents and CJK', 'Société 東京', 'Soci%C3%A9t%C3%A9%20%E6%9D%B1%E4%BA%AC'],
    ['a line break', 'a\nb', 'a%0Ab'],
  ])('encodes a tenant label with %s so it stays one key segment', (_, label, encoded) => {
    expect(encodeKeySegment(label, 'tenant')).toBe(encoded);
    expect(decodeKeySegment(encoded)).toBe(label);
  });

  it('keeps the stack\'s tenant names (letters, digits, hyphens) readable as they are', () => {
    expect(encodeKeySegment('acme-sb2', 'tenant')).toBe('acme-sb2');
  });

  it('round-trips any label and never lets it add a path level, a partition or a hidden file', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (label) => {
        const segment = encodeKeySegment(label, 'tenant');
        expect(segment).toMatch(/^[A-Za-z0-9_%-]+$/);
        expect(decodeKeySegment(segment)).toBe(label);
        const key = archiveKey('reports', { tenant: label, date: '2026-01-02', reportId: label });
        expect(key.split('/')).toHaveLength(4);
        expect(parseArchiveKey(key)).toEqual({ kind: 'reports', tenant: label, date: '2026-01-02', reportId: label });
      }),
    );
  });

  it('refuses an empty or overlong label instead of writing a key nobody can read back', () => {
    expect(() => encodeKeySegment('', 'tenant')).toThrow('empty tenant');
    expect(() => encodeKeySegment('é'.repeat(40), 'tenant')).toThrow('240 characters once encoded (at most 200)');
  });

  it('ignores keys the layout did not write', () => {
    for (const key of [
      'README.md',
      'reports/tenant=acme/date=2026-11-23/.DS_Store',
      'reports/tenant=acme/date=2026-11-23/r1.ndjson',
      'actions/tenant=acme/date=2026-11-23/r1.json',
      'reports/tenant=ac/me/date=2026-11-23/r1.json',
      'reports/tenant=acme/date=23-11-2026/r1.json',
      'reports/tenant=a%zz/date=2026-11-23/r1.json',
      'reports/tenant=a.b/date=2026-11-23/r1.json',
    ]) {
      expect(parseArchiveKey(key), key).toBeUndefined();
    }
  });
});

describe('archiveBodies', () => {
  it('writes the full report on one line, one line per action with reportId and tenant, and one per upcoming entry with the run\'s mode and start too', () => {
    const report = fixtureReport();
    const bodies = archiveBodies(report);

    expect(bodies.reports.endsWith('\n')).toBe(true);
    expect(bodies.reports.trimEnd()).not.toContain('\n');
    expect(JSON.parse(bodies.reports)).toEqual(report);

    const actions = parseNdjson(bodies.actions);
    expect(actions).toEqual(report.actions.map((action) => ({ ...action, reportId: report.reportId, tenant: 'acme' })));
    expect(Object.keys(actions[0] as object)).toEqual(['credential', 'clientId', 'name', 'action', 'reason', 'outcome', 'reportId', 'tenant']);
    expect(parseNdjson(bodies.upcoming)).toEqual([
      { ...report.upcoming[0], reportId: report.reportId, tenant: 'acme', mode: 'enforce', startedAt: '2026-11-23T02:00:00.000Z' },
    ]);
  });

  it('writes empty line files for a run with no action and nothing upcoming', () => {
    const bodies = archiveBodies(fixtureReport({ actions: [], upcoming: [] }));
    expect(bodies.actions).toBe('');
    expect(bodies.upcoming).toBe('');
  });
});
