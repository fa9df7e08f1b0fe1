/** Secret rotation and governed creation: the steps that create clients and store their secrets. */
export { rotateClient } from './rotate-client.js';
export { removeLeftover } from './remove-leftover.js';
export { createGovernedClient, governedRequestOf, type CreateGovernedClientInput, type GovernedRequest } from './create-governed-client.js';
export { createAndStoreClient, managedSecretTags, type StoredClient } from './create-and-store-client.js';
export { creatableRequestOf } from './creatable-request-of.js';
export type { RotationDeps } from './rotation-deps.js';
export { planTenantRotation, type PlanTenantRotationInput } from './plan-tenant-rotation.js';
