import { CATALOG_MIGRATIONS } from './migrations/catalog';
import { ServiceStore } from './data-source';

export const CATALOG_STORE: ServiceStore = {
  schema: 'catalog',
  migrations: CATALOG_MIGRATIONS,
};
