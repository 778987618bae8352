import { assertPostgresReachable } from '../postgres';
import { acquireTestServices, releaseTestServices } from '../services/test-services';

export default async function globalSetup(): Promise<void> {
  // Before anything reads TEST_DATABASE_URL, KAFKA_BROKERS or CLICKHOUSE_URL: a container's are set here.
  await acquireTestServices(['postgres', 'kafka', 'clickhouse']);
  // Jest runs no teardown after a failed setup: the containers would run on until Ryuk reaps them.
  await assertPostgresReachable().catch(async (error: unknown) => {
    await releaseTestServices();
    throw error;
  });
}
