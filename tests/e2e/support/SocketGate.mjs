// Stands between the patient page and the real server on the page's
// WebSocket, to drop chosen frames, cut connections and refuse new ones, the
// way a bad mobile network does. Everything else passes unchanged.

export class SocketGate {
    #open = []; // {page, server} of the connections not cut yet
    #connections = 0;
    // When true, new connections are closed at once (the network is down).
    offline = false;
    // (message) => true to drop a frame the page sends, or one the server sends.
    dropToServer = null;
    dropToPage = null;
    // (message) => a reply {type, body} the gate gives the page itself
    // instead of passing the message on, or null to pass it.
    answerInstead = null;
    // Every frame that got through to the server, parsed.
    sent = [];

    async install(context, baseUrl) {
        await context.routeWebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, (page) => {
            if (this.offline) {
                page.close({ code: 1011, reason: 'offline' }).catch(() => {});
                return;
            }
            const server = page.connectToServer();
            ++this.#connections;
            this.#open.push({ page, server });
            page.onMessage((text) => {
                const message = parse(text);
                const answer = this.answerInstead?.(message);
                if (answer) {
                    page.send(JSON.stringify({ ...answer, id: message.id }));
                } else if (!this.dropToServer?.(message)) {
                    this.sent.push(message);
                    server.send(text);
                }
            });
            server.onMessage((text) => {
                if (!this.dropToPage?.(parse(text))) {
                    page.send(text);
                }
            });
        });
    }

    get connectionCount() {
        return this.#connections;
    }

    // Closes every connection open now, from the network's side.
    async cut() {
        for (const { page } of this.#open.splice(0)) {
            await page.close({ code: 1011, reason: 'cut' }).catch(() => {});
        }
    }

    // Frames of `type` that reached the server.
    sentOfType(type) {
        return this.sent.filter((message) => message.type === type);
    }
}

function parse(text) {
    try {
        return JSON.parse(String(text));
    } catch {
        return null;
    }
}
