import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Each file of bench/subject that calls this is an entry the bench builds to plain JavaScript (as
 * the production server is built) and runs as its own process; it prints the line the bench waits for.
 */
export function listen(server: Server): void {
  server.listen(0, '127.0.0.1', () => console.log(`listening on http://localhost:${(server.address() as AddressInfo).port}`));
}
