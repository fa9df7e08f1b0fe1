import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../core/make-client.js';
import { cli, scratchDir } from './cli-harness.js';

/** The demo's two nights: NOW and warnDays (14) later. */
const NIGHT_1 = NOW.toISOString().slice(0, 10);
const NIGHT_2 = new Date(NOW.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
const FILES = ['README.txt', 'SHA256SUMS', 'actions.csv', 'credentials.csv', 'manifest.json', 'report.html'];

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF), enough to read back what to-csv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at] as string;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        cell += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[at + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      at += 1;
    } else cell += char;
  }
  return rows;
}

/** Objects of `kind` in the archive for the demo tenant, as key -> parsed lines. */
async function archived(archive: string, kind: 'reports' | 'actions'): Promise<Map<string, string>> {
  const root = join(archive, kind, 'tenant=demo');
  const files = new Map<string, string>();
  for (const day of await readdir(root)) for (const file of await readdir(join(root, day))) files.set(`${kind}/tenant=demo/${day}/${file}`, await readFile(join(root, day, file), 'utf8'));
  return files;
}

describe('janitor evidence', () => {
  let archive: string;
  let demoPack: string;
  let dir: string;
  // The harness removes scratch directories after each test; the demo's archive serves them all.
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'janitor-evidence-'));
    archive = join(dir, 'archive');
    demoPack = join(dir, 'demo-pack');
    const demo = await cli(['demo', '--archive-dir', archive, '--out', demoPack], {});
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(`Evidence pack for tenant demo, ${NIGHT_1} to ${NIGHT_2}: 3 runs`);
  }, 60_000);

  it('writes the demo pack of its two nights: the six files, every hash checkable', async () => {
    expect((await readdir(demoPack)).sort()).toEqual(FILES);
    const sums = (await readFile(join(demoPack, 'SHA256SUMS'), 'utf8')).trimEnd().split('\n');
    expect(sums).toHaveLength(5);
    for (const line of sums) {
      const [hash, name] = line.split('  ');
      expect(sha256(await readFile(join(demoPack, name ?? '')))).toBe(hash);
    }
    const manifest = JSON.parse(await readFile(join(demoPack, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string; size: number }[] };
    for (const file of manifest.files) {
      const bytes = await readFile(join(demoPack, file.name));
      expect({ name: file.name, sha256: sha256(bytes), size: bytes.byteLength }).toEqual(file);
    }
    expect(await readFile(join(demoPack, 'README.txt'), 'utf8')).toContain('sha256sum -c SHA256SUMS');
  });

  it('names every archive object it read, by path, size and SHA-256, and only those', async () => {
    const out = join(await scratchDir(), 'pack');
    const result = await cli(['evidence', '--tenant', 'demo', '--from', NIGHT_1, '--to', NIGHT_2, '--archive-dir', archive, '--out', out], {});

    expect(result.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { tenant: string; from: string; to: string; objects: { key: string; path: string; size: number; sha256: string }[] };
    expect(manifest).toMatchObject({ tenant: 'demo', from: NIGHT_1, to: NIGHT_2 });
    const expected = new Map([...(await archived(archive, 'reports')), ...(await archived(archive, 'actions'))]);
    expect(manifest.objects.map((object) => object.key).sort()).toEqual([...expected.keys()].sort());
    for (const object of manifest.objects) {
      const bytes = await readFile(object.path);
      expect(object.path).toBe(join(archive, ...object.key.split('/')));
      expect({ size: bytes.byteLength, sha256: sha256(bytes) }).toEqual({ size: object.size, sha256: object.sha256 });
    }
  });

  it('writes HTML that validates, loads nothing, runs nothing and prints on A4', async () => {
    const html = await readFile(join(demoPack, 'report.html'), 'utf8');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`))).toEqual([]);
    expect(report.valid).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import|javascript:/i);
    expect(html.match(/href=/g) ?? []).toEqual([]);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('@media print');
    expect(html.match(/<svg /g)).toHaveLength(3);
  });

  it('holds the same numbers in the HTML, the CSVs and the archive', async () => {
    const html = await readFile(join(demoPack, 'report.html'), 'utf8');
    const csv = parseCsv(await readFile(join(demoPack, 'actions.csv'), 'utf8'));
    const [header, ...rows] = csv;
    expect(header).toEqual(['date', 'started_at', 'report_id', 'mode', 'credential', 'id', 'name', 'owner_id', 'owner_name', 'action', 'outcome', 'reason', 'detail']);
    // The archive's own lines, read without the janitor's code.
    const lines = [...(await archived(archive, 'actions')).values()].flatMap((body) => body.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, string>));
    expect(rows).toHaveLength(lines.length);
    expect(rows.map((row) => `${row[2]} ${row[5]} ${row[9]} ${row[10]}`).sort()).toEqual(lines.map((line) => `${line['reportId']} ${line['clientId']} ${line['action']} ${line['outcome']}`).sort());
    expect(html).toContain(`<h2>Every action (${lines.length})</h2>`);

    const reports = [...(await archived(archive, 'reports')).values()].map(
      (body) => JSON.parse(body) as { reportId: string; startedAt: string; mode: string; upcoming: { credential: string; clientId: string; action: string }[] },
    );
    const monthOf = new Map(reports.map((report) => [report.reportId, report.startedAt.slice(0, 7)]));
    const months = [...new Set(monthOf.values())].sort();
    expect(months).toEqual([NIGHT_1.slice(0, 7), NIGHT_2.slice(0, 7)]);
    for (const month of months) {
      const inMonth = lines.filter((line) => monthOf.get(line['reportId'] ?? '') === month);
      const runs = reports.filter((report) => report.startedAt.startsWith(month));
      const done = (kind: string) => inMonth.filter((line) => line['action'] === kind && line['outcome'] === 'done').length;
      const announced = new Set(runs.flatMap((report) => report.upcoming.map((item) => `${item.credential} ${item.clientId} ${item.action}`))).size;
      const cells = [runs.length, runs.filter((report) => report.mode === 'enforce').length, done('disable'), done('delete'), done('rotate'), done('enable'), inMonth.filter((line) => line['outcome'] === 'planned').length, 0, 0, announced];
      expect(cells.slice(2, 4).every((n) => n > 0)).toBe(true);
      expect(html).toContain(`<tr><th scope="row">${month}</th>${cells.map((n) => `<td class="n">${n}</td>`).join('')}</tr>`);
      // The CSV says the same, row by row.
      const csvDone = (kind: string) => rows.filter((row) => row[0]?.startsWith(month) && row[9] === kind && row[10] === 'done').length;
      expect([csvDone('disable'), csvDone('delete'), csvDone('rotate')]).toEqual([done('disable'), done('delete'), done('rotate')]);
    }
    // Each day's bar says its numbers in its title; they add up to the done actions of the CSV.
    for (const [kind, word] of [['disable', 'disabled'], ['delete', 'deleted'], ['rotate', 'rotated'], ['enable', 're-enabled']] as const) {
      const perDay = [...html.matchAll(new RegExp(`<title>(\\d{4}-\\d{2}-\\d{2}): (\\d+) ${word}</title>`, 'g'))].map((match) => [match[1], Number(match[2])] as const);
      const fromCsv = rows.filter((row) => row[9] === kind && row[10] === 'done');
      expect(perDay.reduce((sum, [, n]) => sum + n, 0)).toBe(fromCsv.length);
      for (const [day, n] of perDay) expect(fromCsv.filter((row) => row[0] === day)).toHaveLength(n);
    }
    // credentials.csv: the token the demo follows, deleted on night 2.
    const credentials = parseCsv(await readFile(join(demoPack, 'credentials.csv'), 'utf8'));
    expect(credentials[0]).toEqual(['credential', 'id', 'name', 'owner_id', 'owner_name', 'state', 'since', 'reason', 'report_id']);
    expect(credentials.find((row) => row[1] === 'de00000000000000000000000000070c')).toMatchObject({ 0: 'personal-access-token', 2: 'legacy-import', 5: 'deleted', 6: NIGHT_2 });
  });

  it('escapes hostile names in the HTML and neutralises formulas in the CSV', async () => {
    const hostile = join(await scratchDir(), 'archive');
    const day = NIGHT_1;
    const reportId = 'r-1';
    const name = '=HYPERLINK("http://x")<script>alert(1)</script>\u202Eevil\u0007';
    const action = { credential: 'oauth-client', clientId: '@cmd', name, action: 'disable', reason: '+1 <b>bold</b>', outcome: 'done', reportId, tenant: 'demo' };
    const report = {
      reportId, tenant: 'demo', mode: 'enforce', startedAt: `${day}T02:00:00.000Z`, finishedAt: `${day}T02:00:01.000Z`, outcome: 'ok',
      counts: { total: 1, stale: 1, disabled: 1, deleted: 0, rotated: 0, failed: 0, notAttempted: 0, exempt: 0, upcoming: 0, skipped: 0 },
      actions: [action], upcoming: [], exempt: [], warnings: [],
      inventory: { total: 1, enabled: 1, disabled: 0, internal: 0, byInactivity: { under30: 0, from30to90: 0, from90to180: 0, over180: 1, neverUsed: 0 }, allScopes: { count: 0, clients: [] } },
      policy: {},
    };
    await mkdir(join(hostile, 'reports', 'tenant=demo', `date=${day}`), { recursive: true });
    await mkdir(join(hostile, 'actions', 'tenant=demo', `date=${day}`), { recursive: true });
    await writeFile(join(hostile, 'reports', 'tenant=demo', `date=${day}`, `${reportId}.json`), `${JSON.stringify(report)}\n`);
    await writeFile(join(hostile, 'actions', 'tenant=demo', `date=${day}`, `${reportId}.ndjson`), `${JSON.stringify(action)}\n`);
    const out = join(await scratchDir(), 'pack');

    const result = await cli(['evidence', '--tenant', 'demo', '--from', day, '--to', day, '--archive-dir', hostile, '--out', out], {});

    expect(result.code).toBe(0);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;U+202E&gt;evil');
    const report2 = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report2.valid).toBe(true);
    const [, row] = parseCsv(await readFile(join(out, 'actions.csv'), 'utf8'));
    expect(row?.[5]).toBe("'@cmd");
    expect(row?.[6]).toBe('\'=HYPERLINK("http://x")<script>alert(1)</script><U+202E>evil');
    expect(row?.[11]).toBe("'+1 <b>bold</b>");
  });

  describe('bad input: exit 2, naming the flag, nothing written', () => {
    const base = (out: string, archiveDir: string) => ['evidence', '--tenant', 'demo', '--from', NIGHT_1, '--to', NIGHT_2, '--archive-dir', archiveDir, '--out', out];
    const replace = (argv: string[], flag: string, value: string | undefined) => {
      const at = argv.indexOf(flag);
      return value === undefined ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv.map((arg, index) => (index === at + 1 ? value : arg));
    };

    it.each([
      ['--from', '2026-02-30', /Invalid --from 2026-02-30: must be a UTC date written YYYY-MM-DD/],
      ['--to', '20261207', /Invalid --to 20261207: must be a UTC date/],
      ['--from', '2027-01-01', /Invalid --from 2027-01-01: it is after --to/],
      ['--out', undefined, /evidence needs --out DIR/],
      ['--tenant', undefined, /evidence needs --tenant NAME/],
      ['--from', undefined, /evidence needs --from YYYY-MM-DD/],
      ['--tenant', 'nobody', /no run of tenant nobody is archived in .* between .*; check --tenant, --from and --to/],
    ])('%s %s', async (flag, value, message) => {
      const out = join(await scratchDir(), 'pack');
      const result = await cli(replace(base(out, archive), flag, value), {});
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(await readdir(out).catch(() => [])).toEqual([]);
    });

    it('refuses a missing archive without creating it', async () => {
      const missing = join(await scratchDir(), 'no-such-archive');
      const result = await cli(base(join(await scratchDir(), 'pack'), missing), {});
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Invalid --archive-dir ${missing}: no such directory`);
      expect(await readdir(missing).catch((error: NodeJS.ErrnoException) => error.code)).toBe('ENOENT');
    });

    it('refuses an --out that already holds files', async () => {
      const out = await scratchDir();
      await writeFile(join(out, 'keep.txt'), 'mine');
      const result = await cli(base(out, archive), {});
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('is not empty');
      expect(await readdir(out)).toEqual(['keep.txt']);
    });
  });
});
