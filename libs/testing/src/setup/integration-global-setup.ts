import { assertPostgresReachable } from '../postgres';

export default async function globalSetup(): Promise<void> {
  await assertPostgresReachable();
}
