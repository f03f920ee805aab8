// Partner webhooks: validation of a subscription's target, HMAC-SHA256 signatures over "<unix time>.<body>", and
// the POST itself. Partners verify with verifyWebhookSignature (the recipe in README.md does the same in a few
// lines) and deduplicate by the `x-parvis-event-id` header: delivery is at least once.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import type { OutboxEvent } from "./relay.ts";

export const SIGNATURE_HEADER = "x-parvis-signature";
export const EVENT_ID_HEADER = "x-parvis-event-id";
export const EVENT_TYPE_HEADER = "x-parvis-event-type";

export type WebhookUrlProblem = "InvalidWebhookUrl" | "InsecureWebhookUrl" | "PrivateWebhookAddress";

/**
 * True unless the address is global unicast (ipaddr.js's classification: loopback, private, link-local, carrier-grade
 * NAT, benchmarking 198.18/15, IETF 192.0.0/24, reserved 240/4, multicast, broadcast, unspecified, unique-local,
 * 6to4, Teredo, NAT64, documentation… are all refused). IPv4-mapped and IPv4-compatible IPv6 addresses (`::/96`) are
 * refused outright, whatever IPv4 address they carry.
 */
export function isBlockedAddress(address: string): boolean {
  const literal = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(literal)) return true;
  const parsed = ipaddr.parse(literal);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return true;
  return parsed.range() !== "unicast";
}

const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");

/** Names that only mean something inside: the machine itself, private zones, cloud metadata services. */
const INTERNAL_NAMES = /(^|\.)(localhost|internal|local|localdomain|home\.arpa|intranet|lan)$/;
const METADATA_NAMES = new Set([
  "metadata",
  "metadata.google.internal",
  "instance-data",
  "metadata.azure.com",
]);

/** A host name as DNS sees it: lower case, without the trailing dot(s) of a fully qualified name. */
export const normaliseHost = (hostname: string) =>
  hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.+$/, "")
    .toLowerCase();

/**
 * A host a webhook must never target, judged on its name or literal address. Names that resolve inside are caught
 * at connect time (guardedLookup): this check alone cannot see DNS.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = normaliseHost(hostname);
  if (host === "" || INTERNAL_NAMES.test(host) || METADATA_NAMES.has(host)) return true;
  if (isIP(host) !== 0) return isBlockedAddress(host);
  // A name made of digits and dots only is an IPv4 address written another way (0x7f.1, 2130706433…).
  return /^[0-9.]+$/.test(host) || /^0x/i.test(host);
}

export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
  readonly host: string;
  constructor(host: string) {
    super("the webhook host resolves to a private or reserved address");
    this.host = host;
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The `lookup` of the delivery's socket: resolves the name, and refuses the connection when ANY address it resolves
 * to is blocked — checked at connect time, so a name re-pointed after the subscription (DNS rebinding) is caught.
 */
export function guardedLookup(resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void => {
    resolve(normaliseHost(hostname)).then(
      (addresses) => {
        if (addresses.length === 0 || addresses.some((entry) => isBlockedAddress(entry.address)))
          return callback(Object.assign(new BlockedAddressError(hostname), { code: "EBLOCKED" }), []);
        if (typeof options === "object" && options.all) return callback(null, addresses);
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
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

export interface DeliveryOptions {
  timeoutMs: number;
  now?: () => Date;
  /**
   * Refuse loopback, private and reserved targets, by their literal address and by every address their name
   * resolves to when the socket connects (production; development delivers to local test partners).
   */
  blockPrivate?: boolean;
  /** The DNS resolution used at connect time (tests point names wherever they need). */
  resolve?: Resolver;
}

/** POSTs one event; any non-2xx answer, refused address or transport error throws (the relay retries later). */
export async function postWebhook(
  target: { url: string; secret: string },
  event: OutboxEvent,
  options: DeliveryOptions,
): Promise<void> {
  const body = webhookBody(event);
  const seconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const url = new URL(target.url);
  if (options.blockPrivate && isPrivateHost(url.hostname)) throw new BlockedAddressError(url.hostname);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  // node:http rather than fetch: its socket takes a `lookup`, so the address really connected to is the one checked.
  // Redirects are never followed (a 3xx is a failure).
  const status = await new Promise<number>((resolve, reject) => {
    const request = send(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          [SIGNATURE_HEADER]: signWebhook(target.secret, body, seconds),
          [EVENT_ID_HEADER]: event.id,
          [EVENT_TYPE_HEADER]: event.type,
        },
        signal: AbortSignal.timeout(options.timeoutMs),
        // A new connection per delivery: a kept-alive socket would skip the connect-time check.
        agent: false,
        ...(options.blockPrivate || options.resolve
          ? { lookup: options.blockPrivate ? guardedLookup(options.resolve) : lookupWith(options.resolve) }
          : {}),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
  if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
}

/** A plain lookup through a given resolver (development with a test resolver: nothing refused). */
function lookupWith(resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void => {
    resolve(normaliseHost(hostname)).then(
      (addresses) => {
        if (typeof options === "object" && options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), []);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
