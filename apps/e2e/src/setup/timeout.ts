// Stacks start in seconds, not milliseconds.
jest.setTimeout(120_000);
