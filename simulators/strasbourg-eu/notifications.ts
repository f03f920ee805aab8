// Strasbourg.eu notification web services (shared/reference/strasbourg-eu-api/notifications): types, channels,
// a person's settings (the types they do NOT want, their channels), add-notification and the person's list. Form
// parameters, HTTP Basic, answers `{ "error": … }` / `{ "success": … }` as documented. In-memory; the simulator's
// fault injection (latency, errors, down) applies to these routes like to the others.
// Test hooks under /__simulator/notifications: GET the sent notifications, POST /users to register a Publik user.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

const BASE = "/api/jsonws/notification.notification";

export const NOTIFICATION_TYPES = [
  { id: "PARTICIPATION_SIGNALEMENT", name: { fr_FR: "Suivi de mes signalements" } },
  { id: "PARTICIPATION_PETITION", name: { fr_FR: "Pétitions que je soutiens" } },
  { id: "PARTICIPATION_QUARTIER", name: { fr_FR: "Vie de mon quartier" } },
  { id: "PARTICIPATION_BUDGET", name: { fr_FR: "Budget participatif" } },
  { id: "PARTICIPATION_PROJET", name: { fr_FR: "Projets de la Ville que je suis" } },
];
const CHANNELS = [
  { id: "1", name: "email" },
  { id: "2", name: "phone" },
];

export interface SentNotification {
  id: string;
  userId: string;
  typeId: string;
  title: string;
  description: string;
  url: string;
  publicationDate: string;
  expirationDate: string;
}

interface Settings {
  disabledTypes: Set<string>;
  channels: string[];
}

export function registerNotifications(
  app: FastifyInstance,
  authorized: (request: FastifyRequest) => boolean,
): { sent: SentNotification[]; users: Map<string, Settings> } {
  const sent: SentNotification[] = [];
  // Publik users known to the simulator; unknown ones are created on first add (the real service knows them all).
  const users = new Map<string, Settings>();
  const settingsOf = (userId: string) => {
    let settings = users.get(userId);
    if (!settings) {
      settings = { disabledTypes: new Set(), channels: ["EMAIL"] };
      users.set(userId, settings);
    }
    return settings;
  };
  if (!app.hasContentTypeParser("application/x-www-form-urlencoded")) {
    app.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
  }
  const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;
  const guard = (request: FastifyRequest, reply: FastifyReply) =>
    authorized(request) ? null : reply.code(200).send({ error: "not authorized" });

  app.get(
    `${BASE}/get-types`,
    (request, reply) => guard(request, reply) ?? reply.send({ types: NOTIFICATION_TYPES }),
  );
  app.get(
    `${BASE}/get-channels`,
    (request, reply) => guard(request, reply) ?? reply.send({ channels: CHANNELS }),
  );
  app.post(`${BASE}/get-user-settings`, (request, reply) => {
    if (guard(request, reply)) return reply;
    const userId = form(request).userId ?? "";
    const settings = settingsOf(userId);
    return reply.send({
      userId,
      types: NOTIFICATION_TYPES.filter((type) => settings.disabledTypes.has(type.id)),
      channels: settings.channels,
    });
  });
  app.post(`${BASE}/set-user-settings`, (request, reply) => {
    if (guard(request, reply)) return reply;
    const body = form(request);
    const settings = settingsOf(body.userId ?? "");
    settings.disabledTypes = new Set((body.typeIds ?? "").split(",").filter(Boolean));
    settings.channels = (body.channelIds ?? "")
      .split(",")
      .map((id) => CHANNELS.find((channel) => channel.id === id)?.name.toUpperCase())
      .filter((name): name is string => Boolean(name));
    return reply.send({ success: "settings updated" });
  });
  app.post(`${BASE}/add-notification`, (request, reply) => {
    if (guard(request, reply)) return reply;
    const body = form(request);
    const global = body.isGlobal === "true";
    if (global && body.userId) return reply.send({ error: "isGlobal is true but userId is not empty" });
    if (!global && !body.userId) return reply.send({ error: "user does not exist" });
    if (!NOTIFICATION_TYPES.some((type) => type.id === body.typeId))
      return reply.send({ error: "type does not exist" });
    if (!body.title) return reply.send({ error: "title is empty" });
    if (!body.description) return reply.send({ error: "description is empty" });
    if (body.url && !URL.canParse(body.url)) return reply.send({ error: "url is not valid" });
    const format = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
    if (!format.test(body.publicationDate ?? "") || !format.test(body.expirationDate ?? ""))
      return reply.send({ error: "wrong date format" });
    if ((body.publicationDate ?? "") > (body.expirationDate ?? ""))
      return reply.send({ error: "publication date is after expiration date" });
    sent.push({
      id: String(279_000 + sent.length),
      userId: body.userId ?? "",
      typeId: body.typeId ?? "",
      title: body.title,
      description: body.description,
      url: body.url ?? "",
      publicationDate: body.publicationDate ?? "",
      expirationDate: body.expirationDate ?? "",
    });
    return reply.send({ success: "notification sent" });
  });
  app.post(`${BASE}/get-user-notifications`, (request, reply) => {
    if (guard(request, reply)) return reply;
    const userId = form(request).userId ?? "";
    return reply.send({ notifications: sent.filter((n) => n.userId === userId) });
  });
  app.get("/__simulator/notifications", async () => sent);
  return { sent, users };
}
