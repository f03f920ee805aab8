// A small reader of deploy/Containerfile (no container engine runs here): its stages and their instructions, with
// continuation lines joined and comments dropped, enough for tests/deploy/containerfile.test.ts to check it.
export interface Instruction {
  keyword: string;
  /** The text after the keyword. */
  argument: string;
}

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

export function parseContainerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(pending + line);
    pending = "";
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const match = /^(\w+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`unreadable line: ${line}`);
    const keyword = match[1]?.toUpperCase() ?? "";
    const argument = match[2] ?? "";
    if (keyword === "FROM") {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(argument);
      if (!from?.[1]) throw new Error(`unreadable FROM: ${line}`);
      stages.push({ base: from[1], name: from[2] ?? String(stages.length), instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (keyword === "ARG") continue;
      throw new Error(`${keyword} before the first FROM`);
    }
    stage.instructions.push({ keyword, argument });
  }
  return stages;
}

/** The words of an exec-form (JSON array) or shell-form argument. */
export function words(argument: string): string[] {
  return argument.startsWith("[") ? (JSON.parse(argument) as string[]) : argument.split(/\s+/);
}

/** COPY's flags, sources and destination. */
export function copyParts(argument: string): { from?: string; sources: string[]; destination: string } {
  const parts = words(argument);
  const flags = parts.filter((part) => part.startsWith("--"));
  const paths = parts.filter((part) => !part.startsWith("--"));
  const from = flags.find((flag) => flag.startsWith("--from="))?.slice("--from=".length);
  return { ...(from ? { from } : {}), sources: paths.slice(0, -1), destination: paths.at(-1) ?? "" };
}
