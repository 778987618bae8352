import { createServer, Server, Socket } from 'node:net';
import { probeContainerRuntime } from './service-choice.cjs';

// A file of its own: testcontainers reads DOCKER_HOST once per module instance, and Jest gives
// each test file fresh modules.
describe('probeContainerRuntime with an engine address that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  const saved = process.env['DOCKER_HOST'];

  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env['DOCKER_HOST'] = `tcp://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env['DOCKER_HOST'];
    else process.env['DOCKER_HOST'] = saved;
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up after its timeout and answers false', async () => {
    const started = Date.now();
    await expect(probeContainerRuntime({ timeoutMs: 300 })).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sockets.length).toBeGreaterThan(0); // it did ask the silent address
  });
});
