// Stands in for caredesk-server inside one browser context: serves the patient
// page from the source tree with the server's security headers, and answers
// the page's WebSocket as each test scripts it. For what the demo server cannot
// be made to do on demand: every refusal reason, pushes in a chosen order,
// dropped connections.

import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

export const ORIGIN = 'http://caredesk.test';

// The same policy caredesk-server sends with the page.
const SECURITY_HEADERS = {
    'content-security-policy':
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
        "style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
};

const CONTENT_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.svg': 'image/svg+xml',
};

export const SCRIPTED_STATES = (nowMs) => [
    { code: 'CA', name: 'California', status: 'busy' },
    { code: 'NY', name: 'New York', status: 'closed', nextOpenAt: nowMs + 20 * 3600 * 1000 },
    { code: 'WA', name: 'Washington', status: 'open' },
];

export class ScriptedServer {
    #webRoot;
    // type -> (message, connection) => void; replaces the default answer.
    answers = new Map();
    connections = [];

    constructor(webRoot) {
        this.#webRoot = webRoot;
    }

    async install(context) {
        await context.route(`${ORIGIN}/**`, async (route) => {
            const path = new URL(route.request().url()).pathname;
            const relative = normalize(path === '/' ? '/index.html' : path);
            try {
                await route.fulfill({
                    status: 200,
                    headers: {
                        ...SECURITY_HEADERS,
                        'content-type': CONTENT_TYPES[extname(relative)],
                    },
                    body: readFileSync(join(this.#webRoot, relative)),
                });
            } catch {
                await route.fulfill({ status: 404, body: 'Not found\n' });
            }
        });
        await context.routeWebSocket(`${ORIGIN.replace('http', 'ws')}/ws`, (socket) => {
            const connection = { socket, received: [], openedAt: Date.now(), closedAt: null };
            this.connections.push(connection);
            socket.onMessage((text) => {
                const message = JSON.parse(String(text));
                connection.received.push(message);
                this.#answer(message, connection);
            });
            socket.onClose(() => {
                connection.closedAt ??= Date.now();
            });
        });
    }

    get last() {
        return this.connections.at(-1);
    }

    #answer(message, connection) {
        const scripted = this.answers.get(message.type);
        if (scripted) {
            scripted(message, connection);
            return;
        }
        if (message.type === 'hello') {
            this.reply(connection, message, 'welcome', {
                protocol: 1,
                serverVersion: 'scripted',
                maxMessageBytes: 65536,
                serverTime: Date.now(),
            });
        } else if (message.type === 'list_states') {
            this.reply(connection, message, 'state_list', { states: SCRIPTED_STATES(Date.now()) });
        } else {
            this.reply(connection, message, 'error', {
                code: 'unknown_type',
                message: `not scripted: ${message.type}`,
            });
        }
    }

    reply(connection, request, type, body) {
        connection.socket.send(JSON.stringify({ type, id: request.id, body }));
    }

    push(connection, type, body, seq) {
        connection.socket.send(JSON.stringify({ type, seq, body }));
    }

    close(connection, code = 1001) {
        connection.closedAt = Date.now();
        connection.socket.close({ code, reason: 'scripted' });
    }

    // Waits until `connection` has received a message of `type`, and returns it.
    async received(connection, type, timeoutMs = 10000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const message = connection.received.find((candidate) => candidate.type === type);
            if (message) {
                return message;
            }
            if (Date.now() > deadline) {
                const got = connection.received.map((candidate) => candidate.type);
                throw new Error(
                    `the page never sent ${type}; it sent ${got.join(', ') || 'nothing'}`,
                );
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }

    async connectionCount(count, timeoutMs = 15000) {
        const deadline = Date.now() + timeoutMs;
        while (this.connections.length < count) {
            if (Date.now() > deadline) {
                throw new Error(`expected ${count} connections, saw ${this.connections.length}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return this.connections[count - 1];
    }
}
