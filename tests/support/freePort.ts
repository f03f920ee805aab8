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
