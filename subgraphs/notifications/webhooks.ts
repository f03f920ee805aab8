// Partner webhooks: validation of a subscription's target, HMAC-SHA256 signatures over "<unix time>.<body>", and
// the POST itself. Partners verify with verifyWebhookSignature (the recipe in README.md does the same in a few
// lines) and deduplicate by the `x-parvis-event-id` header: delivery is at least once.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { OutboxEvent } from "./relay.ts";

export const SIGNATURE_HEADER = "x-parvis-signature";
export const EVENT_ID_HEADER = "x-parvis-event-id";
export const EVENT_TYPE_HEADER = "x-parvis-event-type";

export type WebhookUrlProblem = "InvalidWebhookUrl" | "InsecureWebhookUrl" | "PrivateWebhookAddress";

/** A private, loopback or link-local literal address (SSRF guard; host names are checked by the caller's DNS policy). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) return true;
  const version = isIP(host);
  if (version === 4) {
    const [a = 0, b = 0] = host.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (version === 6) {
    return (
      host === "::1" ||
      host === "::" ||
      /^f[cd]/.test(host) ||
      /^fe[89ab]/.test(host) ||
      host.startsWith("::ffff:")
    );
  }
  return false;
}

/** Why a webhook URL is refused, or null. In production only public https targets are accepted. */
export function checkWebhookUrl(raw: string, production: boolean): WebhookUrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "InvalidWebhookUrl";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "InvalidWebhookUrl";
  if (url.username || url.password || raw.length > 2000) return "InvalidWebhookUrl";
  if (!production) return null;
  if (url.protocol !== "https:") return "InsecureWebhookUrl";
  if (isPrivateHost(url.hostname)) return "PrivateWebhookAddress";
  return null;
}

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** Constant-time check of a signature header, refusing timestamps older (or newer) than toleranceSeconds. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, t).split("v1=")[1] ?? "", "hex");
  const given = Buffer.from(parts.v1, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function webhookBody(event: OutboxEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    subject: event.subject,
    occurredAt: event.occurredAt.toISOString(),
    data: event.payload,
  });
}

/** POSTs one event; any non-2xx answer or transport error throws (the relay retries later). */
export async function postWebhook(
  target: { url: string; secret: string },
  event: OutboxEvent,
  options: { timeoutMs: number; now?: () => Date },
): Promise<void> {
  const body = webhookBody(event);
  const seconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const response = await fetch(target.url, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signWebhook(target.secret, body, seconds),
      [EVENT_ID_HEADER]: event.id,
      [EVENT_TYPE_HEADER]: event.type,
    },
    body,
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered ${response.status}`);
}
