// JSON errors in the platform's shape, for the routes of the reports subgraph.
import type { FastifyReply } from "fastify";

export function sendJsonError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .status(status)
    .header("content-type", "application/json; charset=utf-8")
    .send({ error: { code, message, requestId: reply.request.id } });
}
