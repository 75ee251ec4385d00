// A raw protocol client for the test's own requests (staff actions, the
// state list). It runs in a browser page of the server's origin, so it uses
// the browser's WebSocket and needs no package of its own.

export class ProtocolClient {
    #page;

    constructor(page) {
        this.#page = page;
    }

    static async open(context, baseUrl, clientKind = 'tool') {
        const page = await context.newPage();
        await page.goto(`${baseUrl}/healthz`);
        await page.evaluate(
            async (url) => {
                const socket = new WebSocket(url);
                const pending = new Map();
                const pushes = [];
                let nextId = 1;
                socket.addEventListener('message', (event) => {
                    const message = JSON.parse(event.data);
                    const resolve = pending.get(message.id);
                    if (resolve) {
                        pending.delete(message.id);
                        resolve(message);
                    } else {
                        pushes.push(message);
                    }
                });
                await new Promise((resolve, reject) => {
                    socket.addEventListener('open', resolve);
                    socket.addEventListener('error', () => reject(new Error('cannot connect')));
                });
                window.protocolClient = {
                    pushes,
                    request(type, body) {
                        const id = `t${nextId++}`;
                        return new Promise((resolve) => {
                            pending.set(id, resolve);
                            socket.send(JSON.stringify({ type, id, body }));
                        });
                    },
                };
            },
            `${baseUrl.replace(/^http/, 'ws')}/ws`,
        );
        const client = new ProtocolClient(page);
        const welcome = await client.request('hello', {
            minProtocol: 1,
            maxProtocol: 1,
            client: clientKind,
            clientVersion: 'caredesk-e2e',
        });
        if (welcome.type !== 'welcome') {
            throw new Error(`handshake failed: ${JSON.stringify(welcome)}`);
        }
        return client;
    }

    request(type, body = {}) {
        return this.#page.evaluate(([t, b]) => window.protocolClient.request(t, b), [type, body]);
    }

    // Sends a request and insists on one reply type, with the whole reply in
    // the failure message (an unanswered message type shows up clearly here).
    async expect(replyType, type, body = {}) {
        const reply = await this.request(type, body);
        if (reply.type !== replyType) {
            throw new Error(`${type} answered ${JSON.stringify(reply)}, expected ${replyType}`);
        }
        return reply;
    }

    // Any reply but an error will do (for actions whose reply carries nothing we need).
    async succeed(type, body = {}) {
        const reply = await this.request(type, body);
        if (reply.type === 'error') {
            throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
        }
        return reply;
    }

    // Messages the server sent on its own so far, of `type` when given.
    async pushes(type = null) {
        const all = await this.#page.evaluate(() => window.protocolClient.pushes);
        return type ? all.filter((message) => message.type === type) : all;
    }

    async login(username, password) {
        return this.expect('session', 'login', { username, password });
    }

    async close() {
        await this.#page.close();
    }
}
