/** The ISC module's edge: everything other modules import from lambdas/isc. */
export { createIscClient } from './create-isc-client.js';
export type { CredentialsSource, IscApiVersion, IscClient, IscClientConfig, IscClientEvent, IscCredentials } from './create-isc-client.js';
export { IscApiError, IscAuthError, isIscApiError, isIscAuthError } from '../../core/isc-api-error.js';
export type { IscApiErrorKind } from '../../core/isc-api-error.js';
export { filters } from './filters.js';
export type { IscFilter } from './filters.js';
export * from './oauth-client-schemas.js';
export * from './personal-access-token-schemas.js';
