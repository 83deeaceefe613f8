import { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorCode } from '@touyan/schemas';
import type { Config } from '../config';
import { AppError, errorBody } from './errors';

/**
 * Slow clients (issue #8: a body trickling in a byte at a time stayed open for minutes; Fastify
 * turns Node's request timeout off by default).
 *
 * - Node's http server closes a connection whose request line and headers have not all arrived
 *   within `headersMs`, and one whose whole request (headers and body) has not arrived within
 *   `uploadMs`, the longest any request may take (an upload from a phone on a weak signal); the
 *   client gets 408. Node checks every `connectionsCheckingInterval`, so the interval is a fraction
 *   of the shortest timeout (Node's default, 30 s, would let a 10 s limit run to 40 s).
 * - Every other request must have arrived within `requestMs` (`bodyDeadline` below): their bodies
 *   are at most 1 MB of JSON.
 * - These limits apply to receiving the request only. Once it has arrived, Node stops timing it, so
 *   a response may stream as long as it likes (the contest board's server-sent events); only a
 *   connection silent both ways for `idleMs` is dropped, and the streams send a comment every 15 s.
 */
export function serverTimeoutOptions(t: Config['timeouts']) {
  const checkEvery = Math.min(2_000, Math.max(100, Math.floor(Math.min(t.headersMs, t.requestMs) / 5)));
  return {
    connectionTimeout: t.idleMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.uploadMs,
    http: { headersTimeout: t.headersMs, requestTimeout: t.uploadMs, connectionsCheckingInterval: checkEvery },
    clientErrorHandler,
  };
}

/** Whether a request may take the long (upload) deadline to arrive. */
export type LongBody = (req: FastifyRequest) => boolean;

/**
 * Closes the connection of a request (other than an upload) whose body has not fully arrived
 * `requestMs` after its headers: a 408 in our error format if nothing was answered yet, then the
 * socket is destroyed. The deadline stays armed after an early answer (a 401 before the body was
 * read): Node would otherwise go on reading the trickle to reuse the connection.
 */
export function bodyDeadline(app: FastifyInstance, requestMs: number, longBody: LongBody) {
  app.addHook('onRequest', (req, reply, done) => {
    const raw = req.raw;
    const socket: unknown = raw.socket;
    // Injected requests (tests) have no real connection to close. A request that announces no body
    // (no Content-Length or Transfer-Encoding: most GETs) is complete with its headers, which the
    // server's headers timeout already bounds: no timer for it (one fewer per list request).
    const h = raw.headers;
    if (h['content-length'] === undefined && h['transfer-encoding'] === undefined) return done();
    if (raw.complete || !(socket instanceof Socket) || longBody(req)) return done();
    const timer = setTimeout(() => {
      if (raw.complete || socket.destroyed) return;
      req.log.warn({ requestTimeoutMs: requestMs }, 'request not received in time: connection closed');
      if (!reply.raw.headersSent)
        writeError(socket, 408, errorBody(new AppError('REQUEST_TIMEOUT'), req.locale, req.id));
      socket.destroy();
    }, requestMs);
    timer.unref();
    raw.once('end', () => clearTimeout(timer));
    reply.raw.once('close', () => {
      if (raw.complete) clearTimeout(timer);
    });
    done();
  });
}

/**
 * Errors Node raises on a connection before or outside a request (a timeout, a malformed request):
 * answered in the API's error format when nothing has been written on the connection yet.
 */
function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && socket.bytesWritten === 0) {
    // No request was parsed, so no Accept-Language: the default language.
    const body = (code: ErrorCode) => ({ code, message: ERRORS[code]['zh-CN'] });
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') writeError(socket, 408, body('REQUEST_TIMEOUT'));
    else writeError(socket, err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400, body('BAD_REQUEST'));
  }
  socket.destroy();
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function writeError(socket: Socket, status: number, body: object) {
  const text = JSON.stringify(body);
  socket.write(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}
