import { releaseTestServices } from '../services/test-services';

export default async function globalTeardown(): Promise<void> {
  // Each suite drops its own databases; what is shared is the containers of the container path.
  await releaseTestServices();
}
