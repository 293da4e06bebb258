import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCheckContext, createCheckContext, runCheck, type CheckContext, type ProbeTarget } from '../../src/jobs/prober/checks.js';
import { createDnsCache } from '../../src/jobs/prober/dns-cache.js';

/*
 * A kept-alive connection the monitored server closes just as the prober sends the next check on it
 * (the server's idle timeout — 5 s for Node, Apache — ending as a slot begins). The replica test met
 * it as monitors missing slot after slot: phases fall on whole seconds, so the same socket ages ran
 * out at the same slots every interval. Here the race is made certain: the server answers the first
 * request of each connection and hangs up on any later one, as a server does when its timeout won.
 */
interface RacyServer {
  url: string;
  /** Connections accepted, and requests answered (by method). */
  connections: number;
  answered: string[];
  close(): Promise<void>;
}

async function racyServer(options: { hangUpOnFirst?: boolean } = {}): Promise<RacyServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, answered: [] as string[] };
  const server: Server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let served = false;
    let buffered = '';
    socket.setEncoding('latin1').on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const method = buffered.slice(0, buffered.indexOf(' '));
      buffered = buffered.slice(end + 4);
      if (served || options.hangUpOnFirst) return void socket.destroy();
      served = true;
      state.answered.push(method);
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    get connections() {
      return state.connections;
    },
    answered: state.answered,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('an HTTP check on a kept-alive connection the server has just closed', () => {
  let context: CheckContext | null = null;
  let server: RacyServer | null = null;
  afterEach(async () => {
    if (context) closeCheckContext(context);
    await server?.close();
    context = null;
    server = null;
  });
  const monitor = (url: string, method = 'GET'): ProbeTarget => ({ type: 'http', target: url, config: { method }, timeoutMs: 2000 });

  it('is sent again on a new connection, not on another kept one, and reaches the service', async () => {
    server = await racyServer();
    context = createCheckContext(createDnsCache());
    // Two checks at once leave two connections in the pool, both of which the server will hang up.
    expect(await Promise.all([runCheck(monitor(server.url), context), runCheck(monitor(server.url), context)])).toMatchObject([{ ok: true }, { ok: true }]);
    expect(server.connections).toBe(2);
    const again = await runCheck(monitor(server.url), context);
    expect(again).toMatchObject({ ok: true, error: null });
    // The check went out on a kept connection (hung up), then on a third, new one where it was answered.
    expect(server.connections).toBe(3);
    expect(server.answered).toEqual(['GET', 'GET', 'GET']);
  });

  it('is not sent again when the connection was new: a service that hangs up fails its check', async () => {
    server = await racyServer({ hangUpOnFirst: true });
    context = createCheckContext(createDnsCache());
    const result = await runCheck(monitor(server.url), context);
    expect(result).toMatchObject({ ok: false, error: 'socket hang up' });
    expect(server.connections).toBe(1);
  });

  it('is not sent again when its method is not idempotent: a POST may have done its work', async () => {
    server = await racyServer();
    context = createCheckContext(createDnsCache());
    expect(await runCheck(monitor(server.url, 'POST'), context)).toMatchObject({ ok: true });
    expect(await runCheck(monitor(server.url, 'POST'), context)).toMatchObject({ ok: false, error: 'socket hang up' });
    expect(server.connections).toBe(1);
    expect(server.answered).toEqual(['POST']);
  });
});

/**
 * A server that says how long it keeps an idle connection (`Keep-Alive: timeout=2`, as Node and
 * Apache do) and closes it then: the prober drops the connection a second before (Node's agent's
 * margin), so a check after that goes on a new connection, never on one about to be closed.
 */
describe("an HTTP check after a server's announced keep-alive timeout", () => {
  it('goes on a new connection once the kept one has been idle for the timeout less a second', async () => {
    const server = createHttpServer((_request, response) => response.end('ok'));
    server.keepAliveTimeout = 2000;
    const connections: number[] = [];
    server.on('connection', () => connections.push(Date.now()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const context = createCheckContext(createDnsCache());
    try {
      const target: ProbeTarget = { type: 'http', target: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, config: {}, timeoutMs: 2000 };
      expect(await runCheck(target, context)).toMatchObject({ ok: true });
      // Within the second's margin the kept connection is used again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await runCheck(target, context)).toMatchObject({ ok: true });
      expect(connections).toHaveLength(1);
      // Past it (the server would still hold the connection for another half second), a new one.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await runCheck(target, context)).toMatchObject({ ok: true });
      expect(connections).toHaveLength(2);
    } finally {
      closeCheckContext(context);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
