import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { containsText, escapeLike, likePattern } from "./textSearch.ts";

const SUBGRAPHS = new URL("../../subgraphs/", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

describe("LIKE patterns of searches", () => {
  it("escape the wildcards and the escape character", () => {
    expect(escapeLike("50%_\\")).toBe("50\\%\\_\\\\");
    expect(likePattern("a%")).toBe("%a\\%%");
    expect(containsText("_")).toEqual({ contains: "\\_", mode: "insensitive" });
  });

  it("are built here only: no search passes a person's text to Prisma's contains or to ILIKE unescaped", () => {
    const offenders = sources(SUBGRAPHS)
      .filter((path) => !path.endsWith("textSearch.ts"))
      .filter((path) =>
        /\bcontains:\s*(?!escapeLike)[a-zA-Z]|\bI?LIKE\s+'%'\s*\|\|/.test(readFileSync(path, "utf8")),
      );
    expect(offenders).toEqual([]);
  });
});
