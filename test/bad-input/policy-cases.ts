import { mergePolicyInput } from '../../lambdas/core/model/merge-policy-input.js';
import { parsePolicy, parsePolicyJson } from '../../lambdas/core/model/policy.js';
import { at, label, WRONG, type BadInputCase } from './bad-input-case.js';

/** Patterns only a backtracking engine can run: refused, since names run on RE2 (linear time). */
const BACKTRACKING = [['^(a)\\1$'], ['^(?<x>a)\\k<x>$'], ['^ci-(?!prod)'], ['(?<=x)y'], ['(?<!x)y'], ['\\u00e9']];

/** Generated: every policy field with every wrong kind of value; then hand-written cases. */
const FIELDS: Record<string, readonly unknown[]> = {
  mode: ['REPORT', 'delete', '', 1, null, true, []],
  disableAfterDays: WRONG.number,
  neverUsedDays: WRONG.number,
  deleteAfterDays: WRONG.number,
  deleteGraceDays: [...WRONG.number, 0],
  warnDays: WRONG.number,
  exempt: WRONG.object,
  'exempt.ids': [...WRONG.stringArray, [''], ['x'.repeat(201)], Array.from({ length: 10_001 }, (_, i) => `id${i}`)],
  'exempt.names': [...WRONG.stringArray, ['('], ['[a-'], ['(?<'], ['x'.repeat(1_001)], ...BACKTRACKING],
  'exempt.internal': WRONG.boolean,
  limits: WRONG.object,
  'limits.maxActions': WRONG.number.filter((v) => v !== 1e12),
  'limits.maxFraction': ['0.5', true, null, [], {}, -0.1, 1.01, Number.NaN, 2],
  rotation: WRONG.object,
  'rotation.enabled': WRONG.boolean,
  'rotation.maxAgeDays': [...WRONG.number, 0],
  'rotation.overlapDays': WRONG.number,
  'rotation.secretPrefix': ['', 'has space', 'semi;colon', 'x'.repeat(257), 1, null],
  'rotation.names': [...WRONG.stringArray, ['('], ...BACKTRACKING],
  creation: WRONG.object,
  'creation.forbiddenScopes': [...WRONG.stringArray, [''], ['  '], ['x'.repeat(201)]],
  // null is valid here: any scope that is not forbidden.
  'creation.allowedScopes': [...WRONG.stringArray.filter((v) => v !== null), [''], ['sp:scopes:all']],
  'creation.maxAccessTokenValiditySeconds': [...WRONG.number, 0],
  'creation.allowInternal': WRONG.boolean,
  pats: WRONG.object,
  'pats.enabled': WRONG.boolean,
  'pats.deleteAfterDays': [...WRONG.number, 0],
  'pats.neverUsedDays': [...WRONG.number, 0],
  // At least one day: a deletion is announced by an earlier run.
  'pats.warnDays': [...WRONG.number, 0],
  'pats.exempt': WRONG.object,
  'pats.exempt.ids': [...WRONG.stringArray, [''], ['x'.repeat(201)]],
  'pats.exempt.ownerIds': [...WRONG.stringArray, [''], ['x'.repeat(201)], Array.from({ length: 10_001 }, (_, i) => `owner${i}`)],
  'pats.exempt.names': [...WRONG.stringArray, ['('], ...BACKTRACKING],
};

const generated: BadInputCase[] = Object.entries(FIELDS).flatMap(([field, values]) =>
  values.map((value) => ({ name: `policy ${field} = ${label(value)}`, field, run: () => parsePolicy(at(field, value)) })),
);

const handWritten: BadInputCase[] = [
  { name: 'policy unknown top-level key', field: 'modee', run: () => parsePolicy({ modee: 'enforce' }) },
  { name: 'policy typo dryrun', field: 'dryrun', run: () => parsePolicy({ dryrun: true }) },
  { name: 'policy unknown nested key', field: 'limits.max', run: () => parsePolicy({ limits: { max: 1 } }) },
  { name: 'policy pats typo', field: 'pats.enable', run: () => parsePolicy({ pats: { enable: true } }) },
  { name: 'policy pats exempt typo', field: 'pats.exempt.owners', run: () => parsePolicy({ pats: { exempt: { owners: ['x'] } } }) },
  { name: 'policy delete before disable', field: 'deleteAfterDays', run: () => parsePolicy({ disableAfterDays: 90, deleteAfterDays: 90 }) },
  { name: 'policy top-level array', field: '(root)', run: () => parsePolicy([]) },
  { name: 'policy string', field: '(root)', run: () => parsePolicy('enforce') },
  { name: 'policy JSON syntax', field: 'policy', run: () => parsePolicyJson('{"mode": enforce}') },
  { name: 'policy JSON __proto__', field: '__proto__', run: () => parsePolicy(JSON.parse('{"__proto__":{"polluted":true}}')) },
  { name: 'policy nested __proto__', field: 'exempt.__proto__', run: () => parsePolicy(JSON.parse('{"exempt":{"__proto__":{"polluted":true}}}')) },
  { name: 'policy constructor key', field: 'constructor', run: () => parsePolicy(JSON.parse('{"constructor":{"prototype":{"polluted":true}}}')) },
  ...['__proto__', 'constructor', 'prototype'].flatMap((key) => [
    { name: `merge base ${key}`, field: key, run: () => mergePolicyInput(JSON.parse(`{"${key}":{"polluted":true}}`), {}) },
    { name: `merge override ${key}`, field: `limits.${key}`, run: () => mergePolicyInput({}, JSON.parse(`{"limits":{"${key}":{"polluted":true}}}`)) },
    { name: `merge array item ${key}`, field: `exempt.ids[0].${key}`, run: () => mergePolicyInput({}, JSON.parse(`{"exempt":{"ids":[{"${key}":1}]}}`)) },
  ]),
];

export const policyCases: readonly BadInputCase[] = [...generated, ...handWritten];
