// Chat messages the patient wrote that the server has not acknowledged yet.
// They live in sessionStorage (this tab only, like the visit token), so a
// reload or a dropped connection sends them again with the same client id,
// and the server stores each one once.

const KEY = 'caredesk.chatOutbox';
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

// A fresh id for one message: a UUID where the browser has randomUUID (secure
// pages only), otherwise 128 random bits as hex.
export function newClientMessageId(source = globalThis.crypto) {
    if (typeof source?.randomUUID === 'function') {
        return source.randomUUID();
    }
    const bytes = new Uint8Array(16);
    source.getRandomValues(bytes);
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isClientMessageId(text) {
    return typeof text === 'string' && CLIENT_MESSAGE_ID.test(text);
}

function isOutboxItem(item) {
    return (
        typeof item === 'object' &&
        item !== null &&
        Number.isSafeInteger(item.visitId) &&
        isClientMessageId(item.clientMessageId) &&
        typeof item.body === 'string'
    );
}

export class ChatOutbox {
    #storage;
    #memory = [];

    // storage: a Web Storage object; null when the browser refuses storage
    // (then unsent messages live only as long as the page).
    constructor(storage = ChatOutbox.sessionStorage()) {
        this.#storage = storage;
    }

    static sessionStorage() {
        try {
            return globalThis.sessionStorage ?? null;
        } catch {
            return null;
        }
    }

    // Every unsent message, oldest first.
    #read() {
        if (!this.#storage) {
            return this.#memory;
        }
        try {
            const items = JSON.parse(this.#storage.getItem(KEY) ?? '[]');
            return Array.isArray(items) ? items.filter(isOutboxItem) : [];
        } catch {
            return [];
        }
    }

    #write(items) {
        this.#memory = items;
        if (!this.#storage) {
            return;
        }
        try {
            if (items.length === 0) {
                this.#storage.removeItem(KEY);
            } else {
                this.#storage.setItem(KEY, JSON.stringify(items));
            }
        } catch {
            // Full or disabled: the message stays in memory for this page.
        }
    }

    messagesOf(visitId) {
        return this.#read().filter((item) => item.visitId === visitId);
    }

    add(visitId, clientMessageId, body) {
        this.#write([...this.#read(), { visitId, clientMessageId, body }]);
    }

    remove(clientMessageId) {
        const items = this.#read();
        const kept = items.filter((item) => item.clientMessageId !== clientMessageId);
        if (kept.length !== items.length) {
            this.#write(kept);
        }
    }

    // Messages of other visits can never be sent: they belong to a visit
    // that is over.
    keepOnly(visitId) {
        const items = this.#read();
        const kept = items.filter((item) => item.visitId === visitId);
        if (kept.length !== items.length) {
            this.#write(kept);
        }
    }

    clear() {
        this.#write([]);
    }
}
