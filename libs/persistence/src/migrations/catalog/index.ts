import { InitCatalog1795615543093 } from './1795615543093-init-catalog';

/** In the order they apply. New migrations: `npm run db:migration:generate -- <path/name>`. */
export const CATALOG_MIGRATIONS = [InitCatalog1795615543093];
