import { CATALOG_ENTITIES } from './catalog';
import { CATALOG_MIGRATIONS } from './migrations/catalog';
import { ServiceStore } from './data-source';

export const CATALOG_STORE: ServiceStore = {
  schema: 'catalog',
  entities: CATALOG_ENTITIES,
  migrations: CATALOG_MIGRATIONS,
};
