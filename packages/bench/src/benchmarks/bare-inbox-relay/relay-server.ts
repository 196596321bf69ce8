import http from 'node:http';
import pg from 'pg';

/**
 * The ceiling of `inbox-realtime`: the least any PostgreSQL-backed live feed can do — one LISTEN connection, and each
 * notification's payload written as it comes to every open SSE response. No sessions, no table read, no filtering.
 */
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const streams = new Set<http.ServerResponse>();
let id = 0;
client.on('notification', (notification) => {
  const frame = `id: ${++id}\ndata: ${notification.payload ?? ''}\n\n`;
  for (const stream of streams) stream.write(frame);
});
await client.query('listen bench_relay');
http
  .createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.flushHeaders();
    streams.add(response);
    request.on('close', () => streams.delete(response));
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
