// A loopback TCP port that nothing listened on a moment ago (the kernel picks it), for a test that needs an
// address where no server answers, or a port to give a process it starts.
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on a loopback port. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * A gateway PORT for a whole platform started as a process: the ports derived from it (simulators PORT + 200…202,
 * distributed subgraphs PORT + 101…107) are free too.
 */
export async function freePlatformPort(): Promise<number> {
  const offsets = [0, 101, 102, 103, 104, 105, 106, 107, 200, 201, 202];
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await Promise.all(offsets.map((offset) => isFree(port + offset)))).every(Boolean)) return port;
  }
  throw new Error("no free platform port found");
}
