/**
 * The Firefox driver's network: Firefox sends every request through this local proxy (pages and
 * the extension's background alike, loopback included), which is how a test
 * - serves an origin from the sandbox (https://app.opentrain.ai: TLS is ended here with
 *   test-proxy.crt, a self-signed certificate Firefox accepts under automation),
 * - refuses an origin and sees who asked for it,
 * - records every request with its Authorization header,
 * - takes the network away (with Firefox's own offline mode) and gives it back.
 * Anything else leaves nothing: no test reaches the internet. Firefox's own service traffic
 * (remote settings and the like, on Mozilla's hosts) is refused and kept apart from what the
 * pages and the extension asked for, as Chromium's routing never sees the browser's own.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';

export interface ProxiedRequest {
  url: string;
  method: string;
  authorization: string | undefined;
}

const CERT_DIR = path.dirname(new URL(import.meta.url).pathname);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Firefox's own services (not a page's, not the extension's). */
const BROWSER_SERVICES = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net|dummy\.test)$/;

export class TestProxy {
  port = 0;
  /** Firefox's own requests, refused. */
  readonly browserTraffic: string[] = [];
  private offline = false;
  private readonly routes = new Map<string, string>();
  private readonly blocked = new Map<string, string[]>();
  private readonly recorders: ProxiedRequest[][] = [];
  private readonly sockets = new Set<Socket>();
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly server = http.createServer((req, res) => this.handle(req, res, new URL(req.url ?? '/')));
  /** Requests inside a CONNECT tunnel, once TLS is ended here. */
  private readonly tunnels = http.createServer((req, res) =>
    this.handle(req, res, new URL(`https://${req.headers.host}${req.url ?? '/'}`)),
  );

  static async start(): Promise<TestProxy> {
    const proxy = new TestProxy();
    await proxy.listen();
    return proxy;
  }

  private async listen() {
    const key = fs.readFileSync(path.join(CERT_DIR, 'test-proxy.key'));
    const cert = fs.readFileSync(path.join(CERT_DIR, 'test-proxy.crt'));
    const track = (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    };
    this.server.on('connection', track);
    this.server.on('connect', (req, socket: Socket) => {
      const host = (req.url ?? '').replace(/:\d+$/, '');
      if (this.offline || BROWSER_SERVICES.test(host)) {
        if (!this.offline) this.browserTraffic.push(`CONNECT ${req.url}`);
        socket.destroy();
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
      secure.on('error', () => socket.destroy());
      track(secure);
      this.tunnels.emit('connection', secure);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (this.offline) return void req.socket.destroy();
    if (BROWSER_SERVICES.test(url.hostname)) {
      this.browserTraffic.push(`${req.method} ${url.href}`);
      return void req.socket.destroy();
    }
    const request = { url: url.href, method: req.method ?? 'GET', authorization: req.headers.authorization };
    for (const recorder of this.recorders) recorder.push(request);
    const blocked = this.blocked.get(url.origin);
    if (blocked) {
      blocked.push(url.href);
      return void req.socket.destroy();
    }
    const routed = this.routes.get(url.origin);
    const target = routed ? new URL(`${url.pathname}${url.search}`, routed) : LOOPBACK.has(url.hostname) ? url : null;
    if (!target) return void req.socket.destroy(); // no test reaches the internet
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request(target, { method: req.method, headers, agent: this.agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    // A refused or reset connection upstream is a network error in the browser, not an HTTP answer.
    upstream.on('error', () => req.socket.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  serve(origin: string, target: string) {
    this.routes.set(origin, target);
  }
  block(origin: string): string[] {
    const asked: string[] = [];
    this.blocked.set(origin, asked);
    return asked;
  }
  record(): ProxiedRequest[] {
    const requests: ProxiedRequest[] = [];
    this.recorders.push(requests);
    return requests;
  }
  /** Off: every open connection is cut and new ones are refused. */
  setOffline(offline: boolean) {
    this.offline = offline;
    if (offline) for (const socket of this.sockets) socket.destroy();
  }

  async close() {
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
