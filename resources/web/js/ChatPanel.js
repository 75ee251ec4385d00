// The patient's chat with the care team, under the waiting screen. Follows
// the visit's thread on every connection (filling what it missed while
// away), sends what the patient writes with an id of its own until the
// server acknowledges it, and shows read receipts and typing. Every message
// goes in through textContent, never as markup.

import { ChatThread, MAX_CHAT_CHARACTERS, characterCount } from './ChatThread.js';
import { CHAT_WORDING, counterText } from './chatWording.js';
import { ChatLog } from './ChatLog.js';
import { ChatOutbox, newClientMessageId } from './chatOutbox.js';
import { ConnectionLost } from './ServerConnection.js';

const HISTORY_LIMIT = 50;
const CATCH_UP_LIMIT = 200;
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 5000;
const READ_DELAY_MS = 300;
const READ_EVERY_MS = 2000;
const REOPEN_RETRY_MS = 5000;
const NO_ACK_RETRY_MS = 3000;

export class ChatPanel {
    #document;
    #connection;
    #outbox;
    #element;
    #thread = null;
    #log;
    #onScreen = false;
    #ended = false;
    #connectionNumber = 0; // one more on each handshake
    #followedOn = -1; // the connection the thread is followed on
    #loaded = false; // the first chat_history arrived
    #hasOlder = false;
    #loadingOlder = false;
    #flushing = false;
    #flushTimer = null; // sends again when a reply did not come in time
    #throttleTimer = null; // sends again when the rate limit allows
    #reopenTimer = null;
    #typingShownTimer = null;
    #typingSentAt = 0;
    #readSentSeq = 0;
    #readSentAt = 0;
    #readTimer = null;

    constructor(document, connection, outbox = new ChatOutbox()) {
        this.#document = document;
        this.#connection = connection;
        this.#outbox = outbox;
        const byId = (id) => document.getElementById(id);
        this.#element = {
            panel: byId('chat'),
            earlier: byId('chat-earlier'),
            log: byId('chat-log'),
            typing: byId('chat-typing'),
            status: byId('chat-status'),
            closed: byId('chat-closed'),
            form: byId('chat-form'),
            input: byId('chat-input'),
            counter: byId('chat-counter'),
            send: byId('chat-send'),
        };
        this.#log = new ChatLog(document, this.#element.log, {
            onRetry: (id) => this.#retry(id),
            onEdit: (id) => this.#edit(id),
        });
        connection.addEventListener('ready', () => ++this.#connectionNumber);
        connection.addEventListener('push', (event) => this.#pushed(event.detail));
        document.addEventListener('visibilitychange', () => this.#markRead());

        const { form, input, earlier } = this.#element;
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.#sendTyped();
        });
        input.addEventListener('keydown', (event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                this.#sendTyped();
            }
        });
        input.addEventListener('input', () => {
            this.#updateComposer();
            this.#sendTyping();
        });
        earlier.addEventListener('click', () => this.#loadOlder());
        this.#updateComposer();
    }

    // The visit on screen is open: follow its thread on this connection.
    // Called after every visit_accepted, visit_resume and visit_status; does
    // something only once per connection.
    follow(visitId) {
        if (this.#thread?.visitId !== visitId) {
            this.#startThread(visitId);
        }
        if (this.#ended || this.#followedOn === this.#connectionNumber) {
            return;
        }
        this.#followedOn = this.#connectionNumber;
        this.#catchUp(this.#connectionNumber);
    }

    // The visit is over: what was said stays readable, nothing more is sent.
    end() {
        if (!this.#thread || this.#ended) {
            return;
        }
        this.#ended = true;
        this.#thread.readOnly = true;
        for (const item of this.#thread.pendingMessages) {
            if (item.state !== 'too_long') {
                item.state = 'closed';
            }
            this.#outbox.remove(item.clientMessageId);
        }
        this.#hideTyping();
        this.#render();
        this.#updateComposer();
    }

    // A new visit starts from an empty panel.
    reset() {
        this.#thread = null;
        this.#ended = false;
        this.#clearLog();
        this.#updateVisibility();
    }

    // Whether the screen the panel belongs to is showing.
    setOnScreen(onScreen) {
        this.#onScreen = onScreen;
        this.#updateVisibility();
        this.#markRead();
    }

    #startThread(visitId) {
        clearTimeout(this.#reopenTimer);
        this.#thread = new ChatThread(visitId);
        this.#ended = false;
        this.#loaded = false;
        this.#hasOlder = false;
        this.#followedOn = -1;
        this.#readSentSeq = 0;
        this.#outbox.keepOnly(visitId);
        for (const item of this.#outbox.messagesOf(visitId)) {
            this.#thread.addPending(item.clientMessageId, item.body);
        }
        this.#clearLog();
        this.#render({ toEnd: true });
        this.#updateVisibility();
        this.#updateComposer();
    }

    #clearLog() {
        this.#log.clear();
        this.#element.status.textContent = '';
        this.#hideTyping();
    }

    #updateVisibility() {
        this.#element.panel.hidden = !(this.#onScreen && this.#thread);
    }

    #isCurrent(connectionNumber, thread) {
        return (
            thread === this.#thread &&
            connectionNumber === this.#connectionNumber &&
            this.#followedOn === connectionNumber
        );
    }

    // What was missed while away (after the newest seq held), then follow.
    async #catchUp(connectionNumber) {
        const thread = this.#thread;
        const visitId = thread.visitId;
        let opened;
        try {
            while (this.#loaded) {
                const page = await this.#connection.request('chat_page', {
                    visitId,
                    afterSeq: thread.lastSeq,
                    limit: CATCH_UP_LIMIT,
                });
                if (!this.#isCurrent(connectionNumber, thread) || page.type !== 'chat_history') {
                    break;
                }
                this.#merge(page.body);
                if (page.body.more !== true || page.body.messages.length === 0) {
                    break;
                }
            }
            opened = await this.#connection.request('chat_open', {
                visitId,
                limit: HISTORY_LIMIT,
            });
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
            opened = null;
        }
        if (!this.#isCurrent(connectionNumber, thread)) {
            return;
        }
        if (opened?.type !== 'chat_history') {
            // Not now (busy, or no reply in time): try again while connected.
            this.#followedOn = -1;
            this.#reopenTimer = setTimeout(() => {
                if (this.#connection.ready && this.#thread === thread) {
                    this.follow(visitId);
                }
            }, REOPEN_RETRY_MS);
            return;
        }
        const first = !this.#loaded;
        this.#loaded = true;
        if (first) {
            this.#hasOlder = opened.body.more === true;
        }
        this.#merge(opened.body, { toEnd: first });
        for (const item of thread.pendingMessages) {
            if (item.state === 'failed') {
                item.state = 'sending';
            }
        }
        this.#render();
        this.#flush();
    }

    #merge(history, { toEnd = false, keepPosition = false } = {}) {
        const thread = this.#thread;
        if (!history || history.visitId !== thread?.visitId || !Array.isArray(history.messages)) {
            return;
        }
        for (const entry of history.messages) {
            this.#addEntry(entry);
        }
        this.#noteReadPosition(history.staffReadSeq);
        this.#render({ toEnd, keepPosition });
        if (history.readOnly === true) {
            this.end();
        }
        this.#markRead();
    }

    #addEntry(entry) {
        if (this.#thread.add(entry) && entry.sender === 'patient' && entry.clientMessageId) {
            this.#outbox.remove(entry.clientMessageId);
        }
    }

    #noteReadPosition(staffReadSeq) {
        if (Number.isSafeInteger(staffReadSeq)) {
            this.#thread.staffReadSeq = Math.max(this.#thread.staffReadSeq, staffReadSeq);
        }
    }

    #pushed(message) {
        const body = message.body;
        if (!this.#thread || body?.visitId !== this.#thread.visitId) {
            return;
        }
        if (message.type === 'chat_message') {
            this.#addEntry(body.message);
            if (body.message?.sender === 'caregiver') {
                this.#hideTyping();
            }
            this.#render();
            this.#markRead();
        } else if (message.type === 'chat_read_update') {
            this.#noteReadPosition(body.staffReadSeq);
            this.#render();
        } else if (message.type === 'chat_typing' && body.from === 'caregiver' && !this.#ended) {
            this.#showTyping();
        }
    }

    // --- sending ----------------------------------------------------------------

    #sendTyped() {
        const { input } = this.#element;
        const text = input.value.trim();
        const characters = characterCount(text);
        if (!this.#thread || this.#ended || characters === 0 || characters > MAX_CHAT_CHARACTERS) {
            return;
        }
        const clientMessageId = newClientMessageId();
        this.#outbox.add(this.#thread.visitId, clientMessageId, text);
        this.#thread.addPending(clientMessageId, text);
        input.value = '';
        this.#typingSentAt = 0;
        this.#updateComposer();
        this.#render({ toEnd: true });
        this.#flush();
    }

    // Sends the patient's messages one after the other, so they are stored
    // in the order written. A message that must wait holds back the ones after it.
    async #flush() {
        if (this.#flushing) {
            return;
        }
        this.#flushing = true;
        clearTimeout(this.#flushTimer);
        const thread = this.#thread;
        const connectionNumber = this.#connectionNumber;
        try {
            while (this.#canSend(thread, connectionNumber)) {
                const item = thread.pendingMessages.find(
                    (candidate) => candidate.state !== 'too_long' && candidate.state !== 'closed',
                );
                if (!item || item.state !== 'sending') {
                    break;
                }
                const reply = await this.#connection.request('chat_send', {
                    visitId: thread.visitId,
                    clientMessageId: item.clientMessageId,
                    kind: 'text',
                    body: item.body,
                });
                if (thread !== this.#thread || !this.#answered(item, reply)) {
                    break;
                }
            }
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
            // Still "Sending…". Dropped: sent again once reconnected. Still
            // connected but no reply in time: try again shortly, same id.
            if (this.#connection.ready) {
                this.#flushTimer = setTimeout(() => this.#flush(), NO_ACK_RETRY_MS);
            }
        } finally {
            this.#flushing = false;
        }
    }

    #canSend(thread, connectionNumber) {
        return (
            thread === this.#thread &&
            !this.#ended &&
            this.#loaded &&
            this.#connection.ready &&
            this.#isCurrent(connectionNumber, thread)
        );
    }

    // Applies the reply to chat_send; true when the next message may go.
    #answered(item, reply) {
        if (reply.type === 'chat_ack') {
            this.#thread.acknowledge({ ...reply.body, clientMessageId: item.clientMessageId });
            this.#outbox.remove(item.clientMessageId);
            this.#render();
            return true;
        }
        const code = reply.body?.code;
        if (code === 'throttled') {
            const seconds = Number.isSafeInteger(reply.body.retryAfterSeconds)
                ? Math.max(1, reply.body.retryAfterSeconds)
                : 2;
            item.state = 'waiting';
            item.retryAfterSeconds = seconds;
            this.#render();
            clearTimeout(this.#throttleTimer);
            this.#throttleTimer = setTimeout(() => {
                if (item.state === 'waiting') {
                    item.state = 'sending';
                    this.#render();
                }
                this.#flush();
            }, seconds * 1000);
            return false;
        }
        if (code === 'out_of_range') {
            item.state = 'too_long';
            this.#outbox.remove(item.clientMessageId);
            this.#render();
            return true;
        }
        if (code === 'invalid_transition') {
            this.end();
            return false;
        }
        if (code === 'forbidden' || code === 'not_authenticated') {
            // This connection does not hold the visit (yet): sent again once
            // the visit is resumed.
            return false;
        }
        item.state = 'failed';
        this.#render();
        return false;
    }

    #retry(clientMessageId) {
        const item = this.#thread?.pending(clientMessageId);
        if (item?.state === 'failed') {
            item.state = 'sending';
            this.#render();
            this.#flush();
        }
    }

    // A message the server refused as too long goes back into the box.
    #edit(clientMessageId) {
        const item = this.#thread?.pending(clientMessageId);
        if (!item) {
            return;
        }
        this.#thread.removePending(clientMessageId);
        this.#element.input.value = item.body;
        this.#render();
        this.#updateComposer();
        this.#element.input.focus();
    }

    #updateComposer() {
        const { input, counter, send, form, closed } = this.#element;
        const characters = characterCount(input.value.trim());
        const text = counterText(characterCount(input.value));
        counter.textContent = text;
        counter.hidden = text === '';
        counter.classList.toggle('chat-counter-over', characters > MAX_CHAT_CHARACTERS);
        send.disabled = this.#ended || characters === 0 || characters > MAX_CHAT_CHARACTERS;
        form.hidden = this.#ended;
        closed.hidden = !this.#ended;
    }

    // --- typing and reading -------------------------------------------------------

    #sendTyping() {
        const now = Date.now();
        if (
            !this.#thread ||
            this.#ended ||
            this.#element.input.value.trim() === '' ||
            !this.#connection.ready ||
            this.#followedOn !== this.#connectionNumber ||
            now - this.#typingSentAt < TYPING_EVERY_MS
        ) {
            return;
        }
        this.#typingSentAt = now;
        this.#connection
            .request('chat_typing', { visitId: this.#thread.visitId })
            .catch(() => {}); // only a hint: a lost one does not matter
    }

    #showTyping() {
        clearTimeout(this.#typingShownTimer);
        this.#element.typing.textContent = CHAT_WORDING.typing;
        this.#typingShownTimer = setTimeout(() => this.#hideTyping(), TYPING_SHOWN_MS);
    }

    #hideTyping() {
        clearTimeout(this.#typingShownTimer);
        this.#element.typing.textContent = '';
    }

    // Tells the care team how far the patient has read, when the patient can
    // actually see new messages of theirs; at most every READ_EVERY_MS.
    #markRead() {
        const thread = this.#thread;
        if (
            !thread ||
            this.#ended ||
            this.#readTimer !== null ||
            this.#document.visibilityState !== 'visible' ||
            this.#element.panel.hidden ||
            thread.newestOtherSeq() <= this.#readSentSeq
        ) {
            return;
        }
        const wait = Math.max(READ_DELAY_MS, this.#readSentAt + READ_EVERY_MS - Date.now());
        this.#readTimer = setTimeout(() => {
            this.#readTimer = null;
            this.#sendRead(thread);
        }, wait);
    }

    async #sendRead(thread) {
        if (
            thread !== this.#thread ||
            !this.#connection.ready ||
            this.#followedOn !== this.#connectionNumber ||
            this.#document.visibilityState !== 'visible'
        ) {
            return; // asked again when the page is back or followed again
        }
        const seq = thread.lastSeq;
        const before = this.#readSentSeq;
        this.#readSentSeq = seq;
        this.#readSentAt = Date.now();
        let reply = null;
        try {
            reply = await this.#connection.request('chat_read', { visitId: thread.visitId, seq });
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
        }
        if (reply?.type === 'error' || reply === null) {
            // Told again with the next message or connection, not in a loop.
            this.#readSentSeq = before;
            return;
        }
        this.#markRead();
    }

    // --- older messages -------------------------------------------------------------

    async #loadOlder() {
        const thread = this.#thread;
        if (!thread || this.#loadingOlder || !this.#connection.ready) {
            return;
        }
        this.#loadingOlder = true;
        const { earlier, status } = this.#element;
        earlier.disabled = true;
        status.textContent = CHAT_WORDING.loadingEarlier;
        let reply = null;
        try {
            reply = await this.#connection.request('chat_page', {
                visitId: thread.visitId,
                afterSeq: 0,
                beforeSeq: thread.oldestSeq,
                limit: HISTORY_LIMIT,
            });
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
        } finally {
            this.#loadingOlder = false;
            earlier.disabled = false;
        }
        if (thread !== this.#thread) {
            return;
        }
        if (reply?.type !== 'chat_history') {
            status.textContent = CHAT_WORDING.earlierFailed;
            return;
        }
        status.textContent = '';
        this.#hasOlder = reply.body.more === true;
        this.#merge(reply.body, { keepPosition: true });
    }

    #render(options = {}) {
        if (this.#thread) {
            this.#log.render(this.#thread, options);
            this.#element.earlier.hidden = !this.#hasOlder;
        }
    }
}
