// The patient page: wires the connection, the intake form and the visit
// screens together. The server decides everything; this page asks, shows the
// answer and keeps the visit token so a reload finds the same visit.

import { ChatPanel } from './ChatPanel.js';
import { ConnectionLost, ServerConnection } from './ServerConnection.js';
import { IntakeForm } from './IntakeForm.js';
import { VisitView } from './VisitView.js';
import {
    adoptVisitTokenFromAddress,
    forgetVisitToken,
    readVisitToken,
    saveVisitToken,
} from './visitToken.js';
import { isFinalStatus, refusalWording } from './wording.js';

// Errors to a resume that may go away by themselves; any other error means
// the token will never work again.
const PASSING_ERROR_CODES = new Set(['unavailable', 'overloaded', 'internal', 'throttled']);
const RESUME_RETRY_MS = 5000;

const SCREEN_TITLES = {
    loading: 'Connecting',
    intake: 'Request a virtual visit',
    refusal: 'Your request could not be taken',
    waiting: 'You are in line',
    final: 'Your visit request',
};

function socketUrl() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}/ws`;
}

class PatientPage {
    #document;
    #connection;
    #form;
    #visitView;
    #chat;
    #banner;
    #screen = 'loading';
    #visit = null; // the PatientVisit on screen, while there is one
    #lastSeq = -1; // of visit_status pushes on this connection
    #firstName = ''; // only in memory: greeting in the tab that sent the request
    #resumeTimer = null;

    constructor(document) {
        this.#document = document;
        this.#connection = new ServerConnection(socketUrl());
        this.#form = new IntakeForm(document);
        this.#visitView = new VisitView(document);
        this.#chat = new ChatPanel(document, this.#connection);
        this.#banner = document.getElementById('connection-banner');

        this.#connection.addEventListener('ready', () => this.#connected());
        this.#connection.addEventListener('down', () => {
            this.#banner.hidden = false;
        });
        this.#connection.addEventListener('push', (event) => this.#pushed(event.detail));
        this.#connection.addEventListener('fatal', () => this.#outdated());
        this.#form.onSubmit((request) => this.#requestVisit(request));

        const byId = (id) => document.getElementById(id);
        byId('refusal-back').addEventListener('click', () => this.#show('intake'));
        byId('final-again').addEventListener('click', () => {
            this.#form.reset();
            this.#chat.reset();
            this.#show('intake');
        });
        const dialog = byId('cancel-dialog');
        byId('cancel-open').addEventListener('click', () => dialog.showModal());
        byId('cancel-keep').addEventListener('click', () => dialog.close());
        byId('cancel-confirm').addEventListener('click', () => {
            dialog.close();
            this.#cancelVisit();
        });
    }

    start() {
        if (!readVisitToken()) {
            this.#show('intake', false);
        }
        this.#connection.start();
    }

    #show(screen, moveFocus = true) {
        const changed = screen !== this.#screen;
        this.#screen = screen;
        for (const section of this.#document.querySelectorAll('.screen')) {
            section.hidden = section.id !== `screen-${screen}`;
        }
        this.#document.title = `${SCREEN_TITLES[screen]} — CareDesk`;
        // The chat stays readable under the final screen once the visit is over.
        this.#chat.setOnScreen(screen === 'waiting' || screen === 'final');
        // A new screen is announced by moving focus to its heading; updates to
        // the same screen leave focus where the patient put it.
        if (changed && moveFocus) {
            this.#document.querySelector(`#screen-${screen} h1`).focus();
        }
    }

    #connected() {
        this.#banner.hidden = true;
        this.#lastSeq = -1;
        this.#loadStates();
        const token = readVisitToken();
        if (token) {
            this.#resume(token);
        } else if (this.#screen === 'loading') {
            this.#show('intake', false);
        }
    }

    async #loadStates() {
        try {
            const reply = await this.#connection.request('list_states');
            if (reply.type === 'state_list' && Array.isArray(reply.body?.states)) {
                this.#form.setStates(reply.body.states, Date.now());
            } else {
                this.#form.setStatesUnavailable();
            }
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
            // Asked again on the next connection.
        }
    }

    async #resume(token) {
        clearTimeout(this.#resumeTimer);
        let reply;
        try {
            reply = await this.#connection.request('visit_resume', { token });
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
            // Dropped: resumed again on the next connection. Still up: no reply in time.
            if (this.#connection.ready) {
                this.#retryResume(token);
            }
            return;
        }
        if (reply.type === 'visit_status' && reply.body?.visit) {
            this.#lastSeq = typeof reply.seq === 'number' ? reply.seq : this.#lastSeq;
            this.#showVisit(reply.body.visit);
            return;
        }
        if (!PASSING_ERROR_CODES.has(reply.body?.code)) {
            forgetVisitToken();
            this.#visit = null;
            this.#chat.reset();
            const notice = this.#document.getElementById('intake-notice');
            notice.textContent =
                'We could not find your earlier request. ' +
                'If you still need care, please request a visit again.';
            notice.hidden = false;
            this.#show('intake');
            return;
        }
        this.#retryResume(token);
    }

    // The server could not answer now (busy, database away): keep what is on
    // screen and ask again shortly.
    #retryResume(token) {
        const trouble = 'We are having trouble reaching the care team. Trying again…';
        this.#visitView.setStatus(trouble);
        this.#document.getElementById('loading-text').textContent = trouble;
        this.#resumeTimer = setTimeout(() => {
            if (this.#connection.ready) {
                this.#resume(token);
            }
        }, RESUME_RETRY_MS);
    }

    async #requestVisit(request) {
        this.#form.setBusy(true);
        let reply;
        try {
            reply = await this.#connection.request('visit_request', request);
        } catch (error) {
            this.#form.setBusy(false);
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
            this.#form.setStatus(
                'We lost the connection before your request was confirmed. ' +
                    'We are reconnecting; please try again in a moment.',
            );
            return;
        }
        this.#form.setBusy(false);
        if (reply.type === 'visit_accepted' && reply.body?.visit) {
            saveVisitToken(reply.body.token);
            this.#firstName = request.firstName;
            this.#lastSeq = -1;
            this.#document.getElementById('intake-notice').hidden = true;
            this.#showVisit(reply.body.visit);
        } else if (reply.type === 'intake_refused') {
            this.#showRefusal(reply.body ?? {}, request.state);
        } else if (reply.type === 'error' && this.#form.showServerFieldError(reply.body?.field)) {
            // Shown next to the field.
        } else {
            const code = reply.body?.code;
            this.#form.setStatus(
                code === 'overloaded' || code === 'unavailable'
                    ? 'We are very busy right now. Please try again in a minute.'
                    : 'Something went wrong on our side and your request was not sent. ' +
                          'Please try again.',
            );
        }
    }

    #showRefusal(refusal, stateCode) {
        const wording = refusalWording(refusal, this.#form.stateName(stateCode), Date.now());
        const byId = (id) => this.#document.getElementById(id);
        byId('refusal-title').textContent = wording.title;
        byId('refusal-text').textContent = wording.text;
        byId('refusal-detail').textContent = wording.detail;
        byId('refusal-detail').hidden = wording.detail === '';
        this.#show('refusal');
    }

    #showVisit(visit) {
        this.#visit = visit;
        if (isFinalStatus(visit.status)) {
            forgetVisitToken();
            this.#visit = null;
            this.#chat.end();
        } else {
            this.#chat.follow(visit.visitId);
        }
        this.#visitView.setStatus('');
        const screen = this.#visitView.show(
            visit,
            this.#form.stateName(visit.state),
            this.#firstName,
        );
        this.#show(screen);
    }

    #pushed(message) {
        if (message.type !== 'visit_status' || !this.#visit || !message.body?.visit) {
            return;
        }
        if (message.body.visit.visitId !== this.#visit.visitId) {
            return;
        }
        if (typeof message.seq === 'number') {
            if (message.seq <= this.#lastSeq) {
                return; // older than what is on screen
            }
            this.#lastSeq = message.seq;
        }
        this.#showVisit(message.body.visit);
    }

    async #cancelVisit() {
        this.#visitView.setStatus('Cancelling your request…');
        let reply;
        try {
            reply = await this.#connection.request('visit_cancel');
        } catch (error) {
            if (!(error instanceof ConnectionLost)) {
                throw error;
            }
            this.#visitView.setStatus(
                'You are not connected right now, so your request is not cancelled yet. ' +
                    'We are reconnecting; please try again in a moment.',
            );
            return;
        }
        if (reply.type === 'visit_status' && reply.body?.visit) {
            this.#showVisit(reply.body.visit);
            return;
        }
        this.#visitView.setStatus(
            reply.body?.code === 'invalid_transition'
                ? 'Your request can no longer be cancelled: a provider may already be joining.'
                : 'Your request could not be cancelled. Please try again.',
        );
    }

    #outdated() {
        this.#banner.hidden = true;
        const byId = (id) => this.#document.getElementById(id);
        byId('final-title').textContent = 'Please reload this page';
        byId('final-text').textContent =
            'This page is out of date. Reload it to request a visit or to see your place in line.';
        byId('final-again').hidden = true;
        this.#chat.reset();
        this.#show('final');
    }
}

adoptVisitTokenFromAddress(location, history);
new PatientPage(document).start();
