// One visit's chat as the patient's page holds it: the messages the server
// stored (by seq, each once, whatever order and however often they arrive)
// followed by the patient's messages still on their way. No DOM, so it runs
// under Node as well.

export const MAX_CHAT_CHARACTERS = 4000;

// Characters as the server counts them: Unicode code points, not UTF-16 units.
export function characterCount(text) {
    let count = 0;
    for (const _ of text) {
        ++count;
    }
    return count;
}

function isEntry(entry) {
    return (
        typeof entry === 'object' &&
        entry !== null &&
        Number.isSafeInteger(entry.seq) &&
        entry.seq > 0 &&
        typeof entry.body === 'string' &&
        typeof entry.sender === 'string'
    );
}

export class ChatThread {
    #visitId;
    #entries = new Map(); // seq -> entry
    #pending = []; // the patient's unacknowledged messages, oldest first
    staffReadSeq = 0;
    readOnly = false;

    constructor(visitId) {
        this.#visitId = visitId;
    }

    get visitId() {
        return this.#visitId;
    }

    get lastSeq() {
        let last = 0;
        for (const seq of this.#entries.keys()) {
            last = Math.max(last, seq);
        }
        return last;
    }

    get oldestSeq() {
        let oldest = 0;
        for (const seq of this.#entries.keys()) {
            oldest = oldest === 0 ? seq : Math.min(oldest, seq);
        }
        return oldest;
    }

    get isEmpty() {
        return this.#entries.size === 0 && this.#pending.length === 0;
    }

    hasSeq(seq) {
        return this.#entries.has(seq);
    }

    // Adds a stored message; false when it was already there (or is not one
    // a patient may see). The patient's own message replaces its pending copy.
    add(entry) {
        if (!isEntry(entry) || entry.kind === 'note' || this.#entries.has(entry.seq)) {
            return false;
        }
        this.#entries.set(entry.seq, entry);
        if (entry.sender === 'patient' && entry.clientMessageId) {
            this.#pending = this.#pending.filter(
                (item) => item.clientMessageId !== entry.clientMessageId,
            );
        }
        return true;
    }

    // A message of the patient the server has stored already (by its id).
    isStored(clientMessageId) {
        for (const entry of this.#entries.values()) {
            if (entry.sender === 'patient' && entry.clientMessageId === clientMessageId) {
                return true;
            }
        }
        return false;
    }

    addPending(clientMessageId, body) {
        if (this.isStored(clientMessageId) || this.pending(clientMessageId)) {
            return null;
        }
        const item = { clientMessageId, body, state: 'sending', retryAfterSeconds: 0 };
        this.#pending.push(item);
        return item;
    }

    pending(clientMessageId) {
        return this.#pending.find((item) => item.clientMessageId === clientMessageId) ?? null;
    }

    get pendingMessages() {
        return [...this.#pending];
    }

    removePending(clientMessageId) {
        this.#pending = this.#pending.filter((item) => item.clientMessageId !== clientMessageId);
    }

    // chat_ack: the pending message becomes the stored one with its seq.
    acknowledge(ack) {
        const item = this.pending(ack.clientMessageId);
        if (item && Number.isSafeInteger(ack.seq) && ack.seq > 0) {
            this.add({
                seq: ack.seq,
                clientMessageId: ack.clientMessageId,
                kind: 'text',
                sender: 'patient',
                body: item.body,
                sentAt: ack.sentAt,
            });
        }
        this.removePending(ack.clientMessageId);
    }

    // Stored messages by seq, then pending ones in the order they were written.
    items() {
        const stored = [...this.#entries.values()].sort((a, b) => a.seq - b.seq);
        return [...stored.map((entry) => ({ entry })), ...this.#pending.map((item) => ({ item }))];
    }

    newestOwnSeq() {
        let newest = 0;
        for (const entry of this.#entries.values()) {
            if (entry.sender === 'patient') {
                newest = Math.max(newest, entry.seq);
            }
        }
        return newest;
    }

    // The newest message someone else wrote: what "read up to" is about.
    newestOtherSeq() {
        let newest = 0;
        for (const entry of this.#entries.values()) {
            if (entry.sender !== 'patient') {
                newest = Math.max(newest, entry.seq);
            }
        }
        return newest;
    }

    // "Seen" goes under the patient's newest stored message once the care
    // team has read that far.
    isSeen(seq) {
        return seq > 0 && seq === this.newestOwnSeq() && this.staffReadSeq >= seq;
    }
}
