// The baseline of P1/P1w: a bare node:http server answering every request with the bytes and
// headers the gateway gave for the same call, recorded beforehand. Its own process, so that its
// CPU is counted apart from the load generator's. Usage: node raw-server.mjs <response.json>
// prints the port it listens on, then serves until killed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const recorded = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const body = Buffer.from(recorded.body, 'base64');
const headers = { ...recorded.headers, 'content-length': body.length };

const server = createServer((req, res) => {
  // Read (and drop) the request like any server would before answering.
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
