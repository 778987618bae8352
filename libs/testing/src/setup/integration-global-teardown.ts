export default async function globalTeardown(): Promise<void> {
  // Each suite drops its own database; nothing is shared across suites.
}
