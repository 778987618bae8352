import { FULFILLMENT_MIGRATIONS } from './migrations/fulfillment';
import { ServiceStore } from './data-source';

export const FULFILLMENT_STORE: ServiceStore = {
  schema: 'fulfillment',
  migrations: FULFILLMENT_MIGRATIONS,
};
