/** lambdas/aws: thin adapters over injected AWS SDK v3 clients (STYLE.md: a barrel only at the edge). */
export { SnsReportPublisher, type SnsReportPublisherOptions, type PublisherLogger } from './sns-report-publisher.js';
export type { ReportRenderer } from './report-renderer.js';
export { buildReportMessage, SNS_MESSAGE_BUDGET, type ReportMessage } from './build-report-message.js';
export { snsSubject, SNS_SUBJECT_MAX } from './sns-subject.js';
export { SecretsManagerCredentials, type SecretsManagerCredentialsOptions } from '../credentials/secrets-manager-credentials.js';
export { parseIscSecretValue, ISC_API_VERSIONS, type IscSecretValue } from '../credentials/isc-secret-value.js';
export { SecretsManagerSecretStore, type SecretsManagerSecretStoreOptions } from '../secret-store/secrets-manager-secret-store.js';
export { DirectorySecretStore } from '../secret-store/directory-secret-store.js';
export { managedSecretName } from '../../core/secret-name.js';
export { clientRequestToken } from '../secret-store/client-request-token.js';
