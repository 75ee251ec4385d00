// What the chat panel says to the patient. Pure functions, like wording.js:
// plain, kind and short.

import { MAX_CHAT_CHARACTERS } from './ChatThread.js';

// The counter appears this close to the limit.
const COUNTER_FROM = MAX_CHAT_CHARACTERS - 500;

// "10:42 AM" in the reader's own time zone (or `timeZone` when given).
export function chatTimeText(epochMs, timeZone = undefined) {
    if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) {
        return '';
    }
    return new Date(epochMs).toLocaleTimeString(undefined, {
        timeZone,
        hour: 'numeric',
        minute: '2-digit',
    });
}

// The text under the message box, or '' while far from the limit.
export function counterText(characters) {
    if (characters < COUNTER_FROM) {
        return '';
    }
    if (characters <= MAX_CHAT_CHARACTERS) {
        const left = MAX_CHAT_CHARACTERS - characters;
        return `${left} ${left === 1 ? 'character' : 'characters'} left`;
    }
    const over = characters - MAX_CHAT_CHARACTERS;
    const unit = over === 1 ? 'character' : 'characters';
    return `${over} ${unit} too many. Please shorten your message.`;
}

// What a message still on its way says, by its state.
//   sending   on its way (or waiting for the connection)
//   waiting   the server asked to slow down; sent again by itself
//   failed    could not be sent now; the patient may retry
//   too_long  the server refused its length; the patient may edit it
//   closed    the visit is over; it will never be sent
export function pendingText(item) {
    switch (item.state) {
        case 'waiting': {
            const seconds = Math.max(1, item.retryAfterSeconds);
            return `You're sending messages quickly — we'll send this in ${seconds} ${
                seconds === 1 ? 'second' : 'seconds'
            }.`;
        }
        case 'failed':
            return 'Not sent yet. Please try again.';
        case 'too_long':
            return `Not sent: this message is longer than ${MAX_CHAT_CHARACTERS.toLocaleString(
                'en-US',
            )} characters.`;
        case 'closed':
            return 'Not sent: your visit is over.';
        default:
            return 'Sending…';
    }
}

export const CHAT_WORDING = Object.freeze({
    careTeam: 'Care team',
    you: 'You',
    seen: 'Seen',
    sent: 'Sent',
    typing: 'Care team is typing…',
    retry: 'Retry',
    edit: 'Edit',
    loadingEarlier: 'Loading earlier messages…',
    earlierFailed: 'We could not load earlier messages. Please try again.',
});
