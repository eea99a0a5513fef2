// A TCP relay on loopback in front of a real dependency (PostgreSQL, Redis), for fault tests:
// `cut()` makes the dependency vanish the way a crashed server or a dead link does: every open
// connection is reset and new ones are refused; `restore()` listens again on the same port. The
// app under test is pointed at the relay; the dependency itself is never touched.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface FaultProxy {
  port: number;
  /** The dependency's URL with host and port replaced by the relay's. */
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const relay = (client: Socket) => {
    const upstream = connect(targetPort, target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  };

  let server = createServer(relay);
  const port = await listen(server, 0);
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);

  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    port,
    url: url.toString(),
    async cut() {
      const closed = stopListening();
      // resetAndDestroy sends RST, as a crashed peer would; the app sees ECONNRESET at once.
      for (const socket of sockets) socket.resetAndDestroy();
      await closed;
    },
    async restore() {
      server = createServer(relay);
      await listen(server, port);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await stopListening();
    },
  };
}
