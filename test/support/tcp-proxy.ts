import type { AddressInfo } from "node:net";
import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP relay in front of a real server (PostgreSQL here), to give it a bad day on cue: `hang()` keeps every
 * connection open but carries nothing either way (a hung server), `down()` cuts every connection and refuses
 * new ones (a server that is down), `heal()` goes back to relaying.
 */
export async function tcpProxy(target: { host: string; port: number }) {
  let mode: "relay" | "hang" | "down" = "relay";
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (mode === "down") {
      client.destroy();
      return;
    }
    sockets.add(client);
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    const relay = (from: Socket, to: Socket) =>
      from.on("data", (chunk) => {
        if (mode === "relay") to.write(chunk);
      });
    relay(client, upstream);
    relay(upstream, client);
    for (const socket of [client, upstream]) {
      socket.on("error", () => {});
      socket.on("close", () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hang: () => {
      mode = "hang";
    },
    down: () => {
      mode = "down";
      for (const socket of sockets) socket.destroy();
    },
    heal: () => {
      mode = "relay";
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
