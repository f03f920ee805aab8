import { describe, expect, it } from "vitest";
import type { CommentStore } from "../ports/commentStore.ts";
import type { CommandContext } from "./context.ts";
import { editComment } from "./editComment.ts";
import type { CommentRecord } from "./model.ts";
import { COMMENT_RULES } from "./rules.ts";
import { checkedText } from "./text.ts";

const AUTHOR = "0190a000-0000-7000-8000-000000000001";
const posted = new Date("2026-12-03T10:00:00Z");

function context(now: Date, record: Partial<CommentRecord> = {}): CommandContext & { edits: string[] } {
  const comment = {
    id: "0190a000-0000-7000-8000-0000000000aa",
    authorAccountId: AUTHOR,
    state: "visible",
    createdAt: posted,
    ...record,
  } as CommentRecord;
  const edits: string[] = [];
  const store = {
    byIds: async () => [comment],
    edit: async (_id: string, _author: string, body: string) => {
      edits.push(body);
      return { ...comment, body };
    },
  } as unknown as CommentStore;
  return {
    store,
    targets: { status: async () => "open" },
    rules: COMMENT_RULES,
    accountId: AUTHOR,
    now,
    edits,
  };
}

describe("editComment", () => {
  it("lets the author edit until the window closes, not a minute after", async () => {
    const last = context(new Date(posted.getTime() + 15 * 60_000));
    expect((await editComment(last, "x", "Corrigé")).kind).toBe("edited");
    const late = context(new Date(posted.getTime() + 16 * 60_000));
    const result = await editComment(late, "x", "Trop tard");
    expect(result).toEqual({
      kind: "window_closed",
      editableUntil: new Date(posted.getTime() + 15 * 60_000),
    });
    expect(late.edits).toEqual([]);
  });

  it("refuses someone else, and a comment that is no longer visible", async () => {
    const now = new Date(posted.getTime() + 60_000);
    expect((await editComment(context(now, { authorAccountId: "other" }), "x", "Moi")).kind).toBe(
      "not_author",
    );
    expect(await editComment(context(now, { state: "hidden" }), "x", "Moi")).toEqual({
      kind: "state_conflict",
      state: "hidden",
    });
  });
});

describe("checkedText", () => {
  it("cleans, then measures in characters", () => {
    expect(checkedText("body", "  a\u202E\r\nb  ", 10)).toEqual({ text: "a\nb" });
    expect(checkedText("body", "é".repeat(10), 10)).toEqual({ text: "é".repeat(10) });
    expect(checkedText("body", "é".repeat(11), 10)).toMatchObject({
      kind: "invalid_text",
      reason: "too_long",
    });
    expect(checkedText("body", " \uFEFF\n ", 10)).toMatchObject({ kind: "invalid_text", reason: "empty" });
  });

  it("refuses a huge input before cleaning it", () => {
    expect(checkedText("body", " ".repeat(100), 10)).toMatchObject({ reason: "too_long" });
  });
});
