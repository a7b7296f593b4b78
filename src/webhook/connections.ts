import type { Server } from 'node:https';
import type { Socket } from 'node:net';

/** Every TCP connection of a server, from accept to close, whether or not it finished TLS. */
export interface ConnectionTracker {
  readonly size: number;
  /** Destroys every connection at once (the end of the shutdown grace). */
  destroyAll(): void;
}

/**
 * Tracks the raw sockets of an HTTPS server. Node's `closeAllConnections` only knows connections that
 * reached HTTP; a client that never finishes its TLS handshake would otherwise keep `server.close()`
 * waiting forever. `onClose` runs after each connection closed.
 */
export function trackConnections(server: Server, onClose: () => void = () => undefined): ConnectionTracker {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      onClose();
    });
  });
  return {
    get size() {
      return sockets.size;
    },
    destroyAll() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
