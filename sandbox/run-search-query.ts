/**
 * The part of the search query DSL the sandbox answers (`queryType: "DSL"`), enough for what
 * SailPoint's "Searching Audit Events" guide shows and the janitor sends:
 * - `match: {field: value}` (or `{field: {query: value}}`): the document's value at the dotted
 *   `field` (any element, for an array) equals `value`, compared as text without case. Real
 *   ISC analyses text fields into words; the sandbox compares whole values, so a query that
 *   relies on word matching finds nothing here.
 * - `terms: {field: [values]}`: a match on any of the values.
 * - `range: {field: {gte, gt, lte, lt}}`: ISO-8601 dates compared as instants (date math such
 *   as `now-30d/d` is refused with a 400), numbers as numbers.
 * - `bool: {must, filter, should, must_not, minimum_should_match}`: `should` needs one match
 *   (or `minimum_should_match`) when there is no `must`/`filter`, and none otherwise, as in
 *   Elasticsearch.
 * - `match_all: {}`.
 * Anything else is a 400 naming the clause. Then `sort` (`"-created"`, `"+id"`, `"name"`; ties
 * keep insertion order), `searchAfter` (the sort values of the last hit of the previous page),
 * `offset` and `limit`.
 */

export type SearchDocument = Readonly<Record<string, unknown>>;

export interface SearchPage {
  sort?: readonly string[] | undefined;
  searchAfter?: readonly string[] | undefined;
  offset: number;
  limit: number;
}

export type SearchResult = { ok: true; hits: SearchDocument[]; total: number } | { ok: false; message: string };

type Predicate = (document: SearchDocument) => boolean;

class QueryError extends Error {}

export function runSearchQuery(documents: readonly SearchDocument[], queryDsl: unknown, page: SearchPage): SearchResult {
  let predicate: Predicate;
  try {
    predicate = compile(queryDsl, 'queryDsl');
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message };
    throw error;
  }
  const sort = (page.sort ?? []).map(parseSort);
  const matched = documents.filter(predicate);
  const ordered = sort.length === 0 ? matched : matched.map((document, index) => ({ document, index })).sort((a, b) => compareBy(sort, a.document, b.document) || a.index - b.index).map((entry) => entry.document);
  let after = ordered;
  if (page.searchAfter !== undefined && page.searchAfter.length > 0) {
    if (sort.length === 0) return { ok: false, message: 'searchAfter needs sort: it holds the sort values of the last hit.' };
    const marker = page.searchAfter;
    after = ordered.filter((document) => compareToMarker(sort, document, marker) > 0);
  }
  return { ok: true, hits: after.slice(page.offset, page.offset + page.limit), total: matched.length };
}

function compile(node: unknown, at: string): Predicate {
  if (!isRecord(node)) throw new QueryError(`${at} must be an object holding one query clause.`);
  const clauses = Object.keys(node);
  if (clauses.length !== 1) throw new QueryError(`${at} must hold exactly one query clause, got ${clauses.length === 0 ? 'none' : clauses.join(', ')}.`);
  const [clause] = clauses as [string];
  const body = node[clause];
  switch (clause) {
    case 'match_all':
      return () => true;
    case 'match': {
      const [field, value] = singleField(body, `${at}.match`);
      const wanted = isRecord(value) ? value.query : value;
      if (!isScalar(wanted)) throw new QueryError(`${at}.match.${field} must be a string, number or boolean (or {query: ...}).`);
      return (document) => valuesAt(document, field).some((candidate) => sameText(candidate, wanted));
    }
    case 'terms': {
      const [field, values] = singleField(body, `${at}.terms`);
      if (!Array.isArray(values) || !values.every(isScalar)) throw new QueryError(`${at}.terms.${field} must be a list of strings, numbers or booleans.`);
      return (document) => valuesAt(document, field).some((candidate) => values.some((wanted) => sameText(candidate, wanted)));
    }
    case 'range':
      return compileRange(body, `${at}.range`);
    case 'bool':
      return compileBool(body, `${at}.bool`);
    default:
      throw new QueryError(`${at}: '${clause}' is not supported by the sandbox (supported: match, terms, range, bool, match_all).`);
  }
}

function compileBool(body: unknown, at: string): Predicate {
  if (!isRecord(body)) throw new QueryError(`${at} must be an object.`);
  const known = ['must', 'filter', 'should', 'must_not', 'minimum_should_match'];
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new QueryError(`${at}: ${unknown.join(', ')} is not supported by the sandbox (supported: ${known.join(', ')}).`);
  const list = (key: string): Predicate[] => {
    const value = body[key];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map((child, index) => compile(child, `${at}.${key}[${index}]`));
  };
  const must = [...list('must'), ...list('filter')];
  const should = list('should');
  const shouldCount = sameFieldMatches(body.should) ?? ((document: SearchDocument) => should.filter((p) => p(document)).length);
  const mustNot = list('must_not');
  const minimum = body.minimum_should_match;
  if (minimum !== undefined && (typeof minimum !== 'number' || !Number.isInteger(minimum) || minimum < 0)) {
    throw new QueryError(`${at}.minimum_should_match must be a whole number (percentages are not supported by the sandbox).`);
  }
  const needed = minimum ?? (must.length === 0 && mustNot.length === 0 && should.length > 0 ? 1 : 0);
  return (document) =>
    must.every((p) => p(document)) && !mustNot.some((p) => p(document)) && (needed === 0 || shouldCount(document) >= needed);
}

/**
 * `should` made only of `match` clauses on one field (a batch of names, as the owner lookup
 * sends): one set lookup per document instead of one comparison per clause. Same result: the
 * document matches as many clauses as its values hit distinct wanted values.
 */
function sameFieldMatches(should: unknown): ((document: SearchDocument) => number) | undefined {
  if (!Array.isArray(should) || should.length < 2) return undefined;
  let field: string | undefined;
  const wanted = new Map<string, number>();
  for (const clause of should) {
    if (!isRecord(clause) || Object.keys(clause).length !== 1 || !isRecord(clause.match)) return undefined;
    const entries = Object.entries(clause.match);
    const [entry] = entries;
    if (entries.length !== 1 || entry === undefined || !isScalar(entry[1]) || (field !== undefined && entry[0] !== field)) return undefined;
    field = entry[0];
    const key = String(entry[1]).toLowerCase();
    wanted.set(key, (wanted.get(key) ?? 0) + 1);
  }
  const on = field as string;
  return (document: SearchDocument): number => {
    const seen = new Set(valuesAt(document, on).filter(isScalar).map((value) => String(value).toLowerCase()));
    let count = 0;
    for (const value of seen) count += wanted.get(value) ?? 0;
    return count;
  };
}

function compileRange(body: unknown, at: string): Predicate {
  const [field, bounds] = singleField(body, at);
  if (!isRecord(bounds)) throw new QueryError(`${at}.${field} must be an object of gte, gt, lte, lt.`);
  const checks = Object.entries(bounds).map(([operator, raw]): ((value: number) => boolean) => {
    const bound = toNumber(raw);
    if (bound === undefined) throw new QueryError(`${at}.${field}.${operator}: ${JSON.stringify(raw)} is not an ISO-8601 date-time or a number (date math is not supported by the sandbox).`);
    switch (operator) {
      case 'gte':
        return (value) => value >= bound;
      case 'gt':
        return (value) => value > bound;
      case 'lte':
        return (value) => value <= bound;
      case 'lt':
        return (value) => value < bound;
      default:
        throw new QueryError(`${at}.${field}: '${operator}' is not supported by the sandbox (supported: gte, gt, lte, lt).`);
    }
  });
  return (document) =>
    valuesAt(document, field).some((candidate) => {
      const value = toNumber(candidate);
      return value !== undefined && checks.every((check) => check(value));
    });
}

function singleField(body: unknown, at: string): [string, unknown] {
  if (!isRecord(body)) throw new QueryError(`${at} must be an object naming one field.`);
  const entries = Object.entries(body);
  if (entries.length !== 1) throw new QueryError(`${at} must name exactly one field.`);
  return entries[0] as [string, unknown];
}

function valuesAt(document: SearchDocument, field: string): unknown[] {
  let current: unknown[] = [document];
  for (const segment of field.split('.')) {
    current = current.flatMap((node) => (isRecord(node) && segment in node ? [node[segment]] : [])).flatMap((value) => (Array.isArray(value) ? value : [value]));
  }
  return current;
}

function sameText(candidate: unknown, wanted: unknown): boolean {
  return isScalar(candidate) && String(candidate).toLowerCase() === String(wanted).toLowerCase();
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

interface SortKey {
  field: string;
  direction: 1 | -1;
}

function parseSort(entry: string): SortKey {
  if (entry.startsWith('-')) return { field: entry.slice(1), direction: -1 };
  return { field: entry.startsWith('+') ? entry.slice(1) : entry, direction: 1 };
}

function sortValue(document: SearchDocument, field: string): string | undefined {
  const [value] = valuesAt(document, field);
  return isScalar(value) ? String(value) : undefined;
}

function compareValues(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // documents without the field sort last, either direction
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function compareBy(sort: readonly SortKey[], a: SearchDocument, b: SearchDocument): number {
  for (const { field, direction } of sort) {
    const order = compareValues(sortValue(a, field), sortValue(b, field));
    if (order !== 0) return sortValue(a, field) === undefined || sortValue(b, field) === undefined ? order : order * direction;
  }
  return 0;
}

function compareToMarker(sort: readonly SortKey[], document: SearchDocument, marker: readonly string[]): number {
  for (const [index, { field, direction }] of sort.entries()) {
    if (index >= marker.length) return 0;
    const order = compareValues(sortValue(document, field), marker[index]);
    if (order !== 0) return sortValue(document, field) === undefined ? order : order * direction;
  }
  return 0;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
