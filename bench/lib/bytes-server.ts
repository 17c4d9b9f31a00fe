/**
 * node --import tsx bench/lib/bytes-server.ts FILE
 *
 * An HTTP server that answers every request with the bytes of FILE and does nothing else: the
 * ceiling a load client reaches on this machine for an answer of that size (see bench/server.ts).
 * Prints its URL when listening, like the app's server.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.argv[2]);
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`http://127.0.0.1:${address.port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
