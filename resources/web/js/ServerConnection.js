// The page's one WebSocket to the server: the hello handshake, requests
// matched to their replies by id, pushes, and reconnecting by itself with
// exponential backoff and jitter, so that many patients dropped at once by a
// server restart do not all come back in the same instant.
//
// Events (CustomEvent, detail in brackets):
//   ready   the handshake is done; send requests now (again after a reconnect)
//   down    the connection is lost; a new attempt is scheduled [{attempt, delayMs}]
//   push    a message the server sent on its own [message]
//   fatal   the server speaks no protocol version this page knows [message]

const PROTOCOL_VERSION = 1;
export const CLIENT_VERSION = 'caredesk-web 0.1.0';

const UNSUPPORTED_VERSION_CLOSE = 4000;

export class ConnectionLost extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConnectionLost';
    }
}

export class ServerConnection extends EventTarget {
    #url;
    #firstDelayMs;
    #maxDelayMs;
    #requestTimeoutMs;
    #random;
    #socket = null;
    #ready = false;
    #stopped = false;
    #failedAttempts = 0;
    #retryTimer = null;
    #nextId = 1;
    #pending = new Map();

    // options: firstDelayMs, maxDelayMs, requestTimeoutMs, random (for tests)
    constructor(url, options = {}) {
        super();
        this.#url = url;
        this.#firstDelayMs = options.firstDelayMs ?? 500;
        this.#maxDelayMs = options.maxDelayMs ?? 15000;
        this.#requestTimeoutMs = options.requestTimeoutMs ?? 20000;
        this.#random = options.random ?? Math.random;
    }

    get ready() {
        return this.#ready;
    }

    start() {
        this.#stopped = false;
        this.#open();
        // Coming back online, or to this tab (phones drop the sockets of tabs
        // in the background), is the best moment to try again, whatever the
        // backoff says.
        globalThis.addEventListener?.('online', () => this.retryNow());
        globalThis.document?.addEventListener('visibilitychange', () => {
            if (document.visibilityState === 'visible') {
                this.retryNow();
            }
        });
    }

    stop() {
        this.#stopped = true;
        clearTimeout(this.#retryTimer);
        this.#socket?.close(1000);
    }

    retryNow() {
        if (this.#stopped || this.#socket) {
            return;
        }
        clearTimeout(this.#retryTimer);
        this.#open();
    }

    // Sends a request and resolves with the server's reply (which may be an
    // "error" message). Rejects with ConnectionLost when the connection is not
    // ready or drops before the reply, and on timeout.
    request(type, body = {}) {
        if (!this.#ready) {
            return Promise.reject(new ConnectionLost('not connected'));
        }
        return this.#send(type, body);
    }

    #send(type, body) {
        const id = `r${this.#nextId++}`;
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.#pending.delete(id);
                reject(new ConnectionLost(`no reply to ${type}`));
            }, this.#requestTimeoutMs);
            this.#pending.set(id, { resolve, reject, timer });
            this.#socket.send(JSON.stringify({ type, id, body }));
        });
    }

    #open() {
        let socket;
        try {
            socket = new WebSocket(this.#url);
        } catch (error) {
            console.error('caredesk: cannot open the connection', error);
            this.#scheduleRetry();
            return;
        }
        this.#socket = socket;
        socket.addEventListener('open', () => this.#handshake(socket));
        socket.addEventListener('message', (event) => this.#receive(event.data));
        socket.addEventListener('close', (event) => this.#closed(socket, event.code));
    }

    async #handshake(socket) {
        let reply;
        try {
            reply = await this.#send('hello', {
                minProtocol: PROTOCOL_VERSION,
                maxProtocol: PROTOCOL_VERSION,
                client: 'web',
                clientVersion: CLIENT_VERSION,
            });
        } catch {
            socket.close();
            return;
        }
        if (reply.type === 'welcome') {
            this.#failedAttempts = 0;
            this.#ready = true;
            this.dispatchEvent(new CustomEvent('ready'));
            return;
        }
        if (reply.body?.code === 'unsupported_version') {
            this.#stopped = true;
            this.dispatchEvent(new CustomEvent('fatal', { detail: reply }));
        }
        socket.close();
    }

    #receive(data) {
        let message;
        try {
            message = JSON.parse(data);
        } catch {
            console.error('caredesk: the server sent a frame that is not JSON');
            return;
        }
        if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
            return;
        }
        if (typeof message.id === 'string') {
            const waiting = this.#pending.get(message.id);
            if (waiting) {
                this.#pending.delete(message.id);
                clearTimeout(waiting.timer);
                waiting.resolve(message);
            }
            return;
        }
        if (message.type === 'error') {
            console.warn('caredesk: server error without a request', message.body?.code);
            return;
        }
        this.dispatchEvent(new CustomEvent('push', { detail: message }));
    }

    #closed(socket, code) {
        if (socket !== this.#socket) {
            return;
        }
        this.#socket = null;
        this.#ready = false;
        for (const waiting of this.#pending.values()) {
            clearTimeout(waiting.timer);
            waiting.reject(new ConnectionLost('connection closed'));
        }
        this.#pending.clear();
        if (code === UNSUPPORTED_VERSION_CLOSE) {
            this.#stopped = true;
        }
        if (!this.#stopped) {
            this.#scheduleRetry();
        }
    }

    #scheduleRetry() {
        const attempt = ++this.#failedAttempts;
        const ceiling = Math.min(this.#maxDelayMs, this.#firstDelayMs * 2 ** (attempt - 1));
        // Half fixed, half random: never instant, never in lockstep with other pages.
        const delayMs = Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
        this.dispatchEvent(new CustomEvent('down', { detail: { attempt, delayMs } }));
        this.#retryTimer = setTimeout(() => this.#open(), delayMs);
    }
}
