// The server span of a GraphQL HTTP request (gateway or stand-alone subgraph): it continues the caller's W3C
// `traceparent`, is active while Apollo runs the operation (so every span below nests in it), and is renamed after
// the operation once Apollo knows it (nameOperationSpan). Request log lines carry its trace_id and span_id.
import { context, SpanKind, trace } from "@opentelemetry/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { extractTraceContext, markFailed, tracingEnabled } from "./tracing.ts";

type Handler = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;

export function traceRequest<H extends Handler>(handler: H): H {
  return async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    if (!tracingEnabled()) return handler.call(this, request, reply);
    const parent = extractTraceContext(request.headers);
    const span = trace.getTracer("parvis").startSpan(
      `${request.method} /graphql`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          "http.request.method": request.method,
          "http.route": "/graphql",
          "url.path": "/graphql",
        },
      },
      parent,
    );
    const { traceId, spanId } = span.spanContext();
    request.log = request.log.child({ trace_id: traceId, span_id: spanId });
    try {
      return await context.with(trace.setSpan(parent, span), () => handler.call(this, request, reply));
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.setAttribute("http.response.status_code", reply.statusCode);
      span.end();
    }
  } as H;
}
