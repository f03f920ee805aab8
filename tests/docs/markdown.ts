// The documentation the doc-tests read: README.md, docs/*.md and the READMEs under subgraphs/ and simulators/, with
// their fenced `sh` examples and their relative links.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;

/** The Markdown files a newcomer follows, as paths relative to the repository. */
export function documentationFiles(): string[] {
  const found = ["README.md"];
  const walk = (dir: string, pick: (name: string) => boolean) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path, pick);
      else if (entry.isFile() && pick(entry.name)) found.push(path);
    }
  };
  walk("docs", (name) => name.endsWith(".md"));
  walk("subgraphs", (name) => name === "README.md");
  walk("simulators", (name) => name === "README.md");
  walk("bench", (name) => name === "README.md");
  return found.filter((path) => existsSync(join(ROOT, path)));
}

export interface ShellExample {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  /** `<!-- doc-test: skip (why) -->` on the line before the fence: documented, never run. */
  skip: string | null;
}

const ANNOTATION = /^<!--\s*doc-test:\s*skip\s*\((.+)\)\s*-->$/;

/** Every fenced ```sh block of a file, with the annotation that may precede it. */
export function shellExamples(file: string): ShellExample[] {
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n");
  const examples: ShellExample[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index]?.trim() !== "```sh") continue;
    const end = lines.findIndex((line, after) => after > index && line.trim() === "```");
    if (end < 0) throw new Error(`${file}:${index + 1}: unclosed sh block`);
    const before = lines[index - 1]?.trim() ?? "";
    examples.push({
      file,
      line: index + 1,
      code: lines.slice(index + 1, end).join("\n"),
      skip: ANNOTATION.exec(before)?.[1] ?? null,
    });
    index = end;
  }
  return examples;
}

/**
 * Relative links of a file (`[text](path#anchor)`), and Markdown documents it names in code spans (`docs/x.md`),
 * whose target is not in the repository (looked up from the file's folder, then from the repository's root).
 */
export function danglingLinks(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8").replace(/```[\s\S]*?```/g, "");
  const dir = join(ROOT, file, "..");
  const dangling: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (!target || /^[a-z]+:/i.test(target) || target.startsWith("#")) continue;
    const path = decodeURIComponent(target.replace(/#.*$/, ""));
    if (!existsSync(join(dir, path)))
      dangling.push(`${file} → ${target} (${relative(ROOT, join(dir, path))})`);
  }
  return dangling;
}
