// The list of messages in the chat panel. Keeps one element per message and
// only adds, moves or updates what changed, so that the log (an ARIA live
// region) announces new messages and nothing else. Text goes in through
// textContent, never as markup.

import { CHAT_WORDING, chatTimeText, pendingText } from './chatWording.js';

// Within this many pixels of the end, new messages keep the list scrolled down.
const STICK_TO_END_PX = 48;

export class ChatLog {
    #document;
    #log;
    #onRetry;
    #onEdit;
    #nodes = new Map(); // message key -> its element
    #drawn = new WeakMap(); // element -> what its status line shows now

    // onRetry(clientMessageId), onEdit(clientMessageId): the buttons next to
    // a message that was not sent.
    constructor(document, log, { onRetry, onEdit }) {
        this.#document = document;
        this.#log = log;
        this.#onRetry = onRetry;
        this.#onEdit = onEdit;
    }

    clear() {
        this.#nodes.clear();
        this.#log.replaceChildren();
    }

    // Puts every message in its place, creating only the ones not shown yet,
    // so that the log announces new messages and nothing else.
    render(thread, { toEnd = false, keepPosition = false } = {}) {
        const log = this.#log;
        const nearEnd = log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_END_PX;
        const fromEnd = log.scrollHeight - log.scrollTop;
        const seen = new Set();
        let index = 0;
        for (const item of thread.items()) {
            const key = messageKey(item);
            seen.add(key);
            let node = this.#nodes.get(key);
            if (!node) {
                node = this.#createNode(item);
                this.#nodes.set(key, node);
            }
            this.#updateNode(node, item, thread);
            const there = log.children[index] ?? null;
            if (there !== node) {
                log.insertBefore(node, there);
            }
            ++index;
        }
        for (const [key, node] of this.#nodes) {
            if (!seen.has(key)) {
                node.remove();
                this.#nodes.delete(key);
            }
        }
        if (keepPosition) {
            log.scrollTop = log.scrollHeight - fromEnd;
        } else if (toEnd || nearEnd) {
            log.scrollTop = log.scrollHeight;
        }
    }

    #createNode(item) {
        const document = this.#document;
        const sender = item.entry ? item.entry.sender : 'patient';
        const node = document.createElement('div');
        node.className = `chat-message ${senderClass(sender)}`;
        if (sender !== 'system') {
            const author = document.createElement('p');
            author.className = sender === 'patient' ? 'visually-hidden' : 'chat-author';
            author.textContent = sender === 'patient' ? CHAT_WORDING.you : CHAT_WORDING.careTeam;
            node.append(author);
        }
        const body = document.createElement('p');
        body.className = 'chat-body';
        body.textContent = item.entry ? item.entry.body : item.item.body;
        const meta = document.createElement('p');
        meta.className = 'chat-meta';
        node.append(body, meta);
        return node;
    }

    #updateNode(node, { entry, item }, thread) {
        const meta = node.lastElementChild;
        let state;
        let parts;
        if (entry) {
            node.dataset.seq = String(entry.seq);
            if (entry.clientMessageId) {
                node.dataset.clientMessageId = entry.clientMessageId;
            }
            const own = entry.sender === 'patient';
            state = own && thread.isSeen(entry.seq) ? 'seen' : 'sent';
            const receipt =
                own && entry.seq === thread.newestOwnSeq()
                    ? state === 'seen'
                        ? CHAT_WORDING.seen
                        : CHAT_WORDING.sent
                    : '';
            parts = { time: entry.sentAt, receipt, problem: '', action: '' };
        } else {
            node.dataset.clientMessageId = item.clientMessageId;
            state = item.state;
            const problem = item.state !== 'sending';
            parts = {
                time: null,
                receipt: problem ? '' : pendingText(item),
                problem: problem ? pendingText(item) : '',
                action:
                    item.state === 'failed'
                        ? CHAT_WORDING.retry
                        : item.state === 'too_long'
                          ? CHAT_WORDING.edit
                          : '',
            };
        }
        const signature = JSON.stringify(parts);
        if (node.dataset.state === state && this.#drawn.get(node) === signature) {
            return;
        }
        node.dataset.state = state;
        this.#drawn.set(node, signature);
        meta.replaceChildren();
        if (parts.time !== null) {
            const time = this.#document.createElement('time');
            time.className = 'chat-time';
            time.dateTime = new Date(parts.time).toISOString();
            time.textContent = chatTimeText(parts.time);
            meta.append(time);
        }
        if (parts.receipt) {
            const receipt = this.#document.createElement('span');
            receipt.className = 'chat-receipt';
            receipt.textContent = parts.receipt;
            meta.append(receipt);
        }
        if (parts.problem) {
            const problem = this.#document.createElement('span');
            // Waiting for the rate limit is no fault: it goes by itself.
            problem.className = state === 'waiting' ? 'chat-problem chat-wait' : 'chat-problem';
            problem.textContent = parts.problem;
            meta.append(problem);
        }
        if (parts.action) {
            const button = this.#document.createElement('button');
            button.type = 'button';
            button.className = 'chat-action';
            button.textContent = parts.action;
            const id = item.clientMessageId;
            button.addEventListener('click', () =>
                item.state === 'too_long' ? this.#onEdit(id) : this.#onRetry(id),
            );
            meta.append(button);
        }
    }}


function messageKey({ entry, item }) {
    if (item) {
        return `c:${item.clientMessageId}`;
    }
    return entry.sender === 'patient' && entry.clientMessageId
        ? `c:${entry.clientMessageId}`
        : `s:${entry.seq}`;
}

function senderClass(sender) {
    if (sender === 'patient') {
        return 'chat-own';
    }
    return sender === 'system' ? 'chat-system' : 'chat-team';
}
