import { FULFILLMENT_ENTITIES } from './fulfillment';
import { FULFILLMENT_MIGRATIONS } from './migrations/fulfillment';
import { ServiceStore } from './data-source';

export const FULFILLMENT_STORE: ServiceStore = {
  schema: 'fulfillment',
  entities: FULFILLMENT_ENTITIES,
  migrations: FULFILLMENT_MIGRATIONS,
};
