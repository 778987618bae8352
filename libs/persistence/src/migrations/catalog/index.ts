import { InitCatalog1795614453334 } from './1795614453334-init-catalog';

/** In the order they apply. New migrations: `npm run db:migration:generate -- <name>`. */
export const CATALOG_MIGRATIONS = [InitCatalog1795614453334];
