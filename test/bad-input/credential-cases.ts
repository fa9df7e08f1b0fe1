import { parseIscSecretValue } from '../../lambdas/adapters/credentials/isc-secret-value.js';
import { label, WRONG, HUGE, type BadInputCase } from './bad-input-case.js';

/** The janitor's credentials secret: every field wrong; the secret itself is never echoed. */
const SECRET = 'S3cr3t-value-that-must-never-appear-in-an-error';
const GOOD = { baseUrl: 'https://acme.api.identitynow.com', clientId: 'a1b2c3', clientSecret: SECRET };

const FIELDS: Record<string, readonly unknown[]> = {
  baseUrl: [undefined, '', 'acme', 'ftp://acme.api.identitynow.com', 'http://acme.api.identitynow.com', 'javascript:alert(1)', `https://${HUGE}`.slice(0, 5_000) + ' x', ...WRONG.string],
  clientId: [undefined, '', ...WRONG.string],
  clientSecret: [undefined, '', ...WRONG.string],
  apiVersion: ['v4', 'V3', '', 1, null, HUGE],
};

const generated: BadInputCase[] = Object.entries(FIELDS).flatMap(([field, values]) =>
  values.map((value) => ({
    name: `credentials ${field} = ${label(value)}`,
    field,
    secret: SECRET,
    run: () => parseIscSecretValue(JSON.stringify({ ...GOOD, [field]: value }), 'isc/acme'),
  })),
);

const handWritten: BadInputCase[] = [
  { name: 'credentials binary secret', field: 'SecretString', run: () => parseIscSecretValue(undefined, 'isc/acme') },
  { name: 'credentials not JSON (holds the secret)', field: 'not valid JSON', secret: SECRET, run: () => parseIscSecretValue(`clientSecret=${SECRET}`, 'isc/acme') },
  { name: 'credentials truncated JSON', field: 'not valid JSON', secret: SECRET, run: () => parseIscSecretValue(JSON.stringify(GOOD).slice(0, 60), 'isc/acme') },
  { name: 'credentials array', field: '(root)', run: () => parseIscSecretValue('[]', 'isc/acme') },
  { name: 'credentials null', field: '(root)', run: () => parseIscSecretValue('null', 'isc/acme') },
  { name: 'credentials huge text', field: 'not valid JSON', run: () => parseIscSecretValue(HUGE, 'isc/acme') },
  { name: 'credentials __proto__ only', field: 'baseUrl', run: () => parseIscSecretValue('{"__proto__":{"baseUrl":"https://evil.example"}}', 'isc/acme') },
];

export const credentialCases: readonly BadInputCase[] = [...generated, ...handWritten];
