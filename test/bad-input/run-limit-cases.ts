import { resolveRunLimits } from '../../bin/cli/resolve-run-limits.js';
import type { CliFlags } from '../../bin/cli/parse-cli-args.js';
import { readJanitorEnvironment } from '../../lambdas/janitor/janitor-environment.js';
import { HUGE, label, type BadInputCase } from './bad-input-case.js';

/**
 * Time limits: `--request-timeout`, `--max-run-time` and ISC_REQUEST_TIMEOUT_S (CLI and Lambda).
 * Each must be a plain number of seconds above 0 (fractions allowed) and within its bound.
 */
const NOT_SECONDS = ['0', '0.0', '-1', 'abc', '1e3', '30s', 'Infinity', 'NaN', '0x10', '1,5', '1.5.2', '\u0663', ' ', '.5', '5.', HUGE];
const CLI_FLAGS = { dryRun: false, help: false } as CliFlags;

const flagCases: BadInputCase[] = [
  ...[...NOT_SECONDS, '901'].map((value) => ({
    name: `--request-timeout ${label(value)}`,
    field: '--request-timeout',
    run: () => resolveRunLimits({ ...CLI_FLAGS, requestTimeout: value }, {}),
  })),
  ...[...NOT_SECONDS, '604801'].map((value) => ({
    name: `--max-run-time ${label(value)}`,
    field: '--max-run-time',
    run: () => resolveRunLimits({ ...CLI_FLAGS, maxRunTime: value }, {}),
  })),
  ...[...NOT_SECONDS.filter((value) => value.trim() !== ''), '901'].map((value) => ({
    name: `CLI ISC_REQUEST_TIMEOUT_S ${label(value)}`,
    field: 'ISC_REQUEST_TIMEOUT_S',
    run: () => resolveRunLimits(CLI_FLAGS, { ISC_REQUEST_TIMEOUT_S: value }),
  })),
];

const GOOD_ENV = { REPORT_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:janitor-reports', ISC_CREDENTIALS_SECRET_ID: 'isc/acme' };
const lambdaCases: BadInputCase[] = [...NOT_SECONDS, '', '901'].map((value) => ({
  name: `Lambda ISC_REQUEST_TIMEOUT_S ${label(value)}`,
  field: 'ISC_REQUEST_TIMEOUT_S',
  run: () => readJanitorEnvironment({ ...GOOD_ENV, ISC_REQUEST_TIMEOUT_S: value }),
}));

export const runLimitCases: readonly BadInputCase[] = [...flagCases, ...lambdaCases];
