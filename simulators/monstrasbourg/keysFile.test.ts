// The simulator keeps its signing keys in a file across restarts (development), as the real provider does: a token
// issued before a restart still verifies against the JWKS published after it. Without a file, new keys each start.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { startMonStrasbourgSimulator } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "parvis-simulator-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tokenThenRestart(keysFile?: string) {
  const first = await startMonStrasbourgSimulator({ port: 0, ...(keysFile ? { keysFile } : {}) });
  const token = await first.issueToken("resident");
  const port = Number(new URL(first.url).port);
  await first.close();
  const second = await startMonStrasbourgSimulator({ port, ...(keysFile ? { keysFile } : {}) });
  try {
    const keys = createRemoteJWKSet(new URL(`${second.url}/idp/oidc/certs/`));
    return await jwtVerify(token, keys).then(
      () => "valid",
      (error: Error) => error.name,
    );
  } finally {
    await second.close();
  }
}

describe("simulator signing keys", () => {
  it("survive a restart when kept in a file (private: mode 0600)", async () => {
    const file = join(dir, "nested", "keys.json");
    expect(await tokenThenRestart(file)).toBe("valid");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("are new at every start without a file", async () => {
    expect(await tokenThenRestart()).not.toBe("valid");
  });
});
