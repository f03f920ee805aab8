// A platform entry point run as its npm script runs it (`node <file>`), with only the environment given: the
// matrix's DATABASE_URL/REDIS_URL must not leak into a case that means to run embedded.
import { type ChildProcess, spawn } from "node:child_process";

export interface RunningEntryPoint {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** The exit code (-1 when killed by a signal). */
  exited: Promise<number>;
}

export function runEntryPoint(main: string, env: Record<string, string>): RunningEntryPoint {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { child, output: () => output, exited };
}
