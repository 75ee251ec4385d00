// The intake form: the state list from the server, the patient's answers,
// and the messages next to each field and in the summary above the form.

import { checkIntake } from './intakeRules.js';
import { momentText, stateOptionText } from './wording.js';

// Protocol field names (as the server names them in error.field) in form order,
// with the control that takes focus when a summary link is followed.
const FIELDS = [
    ['state', 'state'],
    ['firstName', 'first-name'],
    ['lastName', 'last-name'],
    ['dateOfBirth', 'birth-month'],
    ['reason', 'reason'],
    ['contact', 'contact'],
    ['consent', 'consent'],
];

// Our own words for a field the server refused, whatever its message says.
const SERVER_FIELD_MESSAGES = {
    state: 'Choose the state you are in right now.',
    firstName: 'Check your first name.',
    lastName: 'Check your last name.',
    dateOfBirth: 'Check your date of birth: it must be a real date in the past.',
    reason: 'Check the reason for your visit.',
    contact: 'Check your phone number or email address.',
    consent: 'Check the box to agree before you continue.',
};

function todayInPatientCalendar() {
    const now = new Date();
    return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export class IntakeForm {
    #document;
    #form;
    #select;
    #submit;
    #status;
    #summary;
    #summaryList;
    #stateNote;
    #states = [];
    #shownErrors = false;

    constructor(document) {
        this.#document = document;
        this.#form = document.getElementById('intake-form');
        this.#select = document.getElementById('state');
        this.#submit = document.getElementById('submit');
        this.#status = document.getElementById('form-status');
        this.#summary = document.getElementById('error-summary');
        this.#summaryList = document.getElementById('error-summary-list');
        this.#stateNote = document.getElementById('state-note');
        this.#select.addEventListener('change', () => this.#showStateNote());
        // Once the patient has seen the errors, re-check as they correct them.
        this.#form.addEventListener('input', () => {
            if (this.#shownErrors) {
                this.#showErrors(this.check().errors, false);
            }
        });
    }

    // submitted(request) is called with a visit_request body once every field passes.
    onSubmit(submitted) {
        this.#form.addEventListener('submit', (event) => {
            event.preventDefault();
            const { errors, request } = this.check();
            this.#shownErrors = true;
            this.#showErrors(errors, true);
            if (request) {
                submitted(request);
            }
        });
    }

    check() {
        const field = (name) => this.#form.elements.namedItem(name);
        const values = {
            state: this.#select.value,
            firstName: field('firstName').value,
            lastName: field('lastName').value,
            birthMonth: field('birthMonth').value,
            birthDay: field('birthDay').value,
            birthYear: field('birthYear').value,
            reason: field('reason').value,
            contact: field('contact').value,
            consent: field('consent').checked,
        };
        const codes = this.#states.map((state) => state.code);
        return checkIntake(values, codes, todayInPatientCalendar());
    }

    setStates(states, nowMs) {
        const chosen = this.#select.value;
        this.#states = states;
        const placeholder = this.#document.createElement('option');
        placeholder.value = '';
        placeholder.textContent = 'Choose a state';
        const options = states.map((state) => {
            const option = this.#document.createElement('option');
            option.value = state.code;
            option.textContent = stateOptionText(state, nowMs);
            return option;
        });
        this.#select.replaceChildren(placeholder, ...options);
        this.#select.value = states.some((state) => state.code === chosen) ? chosen : '';
        this.#select.disabled = false;
        this.#showStateNote();
    }

    setStatesUnavailable() {
        const option = this.#document.createElement('option');
        option.value = '';
        option.textContent = 'The list of states could not be loaded';
        this.#select.replaceChildren(option);
        this.#select.disabled = true;
    }

    stateName(code) {
        return this.#states.find((state) => state.code === code)?.name ?? code;
    }

    setBusy(busy) {
        this.#submit.disabled = busy;
        this.#submit.textContent = busy ? 'Sending your request…' : 'Request a visit';
        if (busy) {
            this.#status.textContent = '';
        }
    }

    setStatus(text) {
        this.#status.textContent = text;
    }

    // An error reply that names a body field: show it at that field.
    // Returns false when the field is not one of the form's.
    showServerFieldError(path) {
        const name = typeof path === 'string' ? path.replace(/^body\./, '') : '';
        if (!Object.hasOwn(SERVER_FIELD_MESSAGES, name)) {
            return false;
        }
        this.#showErrors({ [name]: SERVER_FIELD_MESSAGES[name] }, true);
        return true;
    }

    reset() {
        const state = this.#select.value;
        this.#form.reset();
        this.#select.value = state;
        this.#shownErrors = false;
        this.#showErrors({}, false);
        this.#status.textContent = '';
        this.#showStateNote();
    }

    #showStateNote() {
        const state = this.#states.find((candidate) => candidate.code === this.#select.value);
        let note = '';
        if (state?.status === 'closed') {
            note =
                typeof state.nextOpenAt === 'number'
                    ? `Visits in ${state.name} are closed now. They open again ` +
                      `${momentText(state.nextOpenAt, Date.now())}.`
                    : `Visits in ${state.name} are closed now.`;
        } else if (state?.status === 'busy') {
            note = `High demand in ${state.name}: waits may be longer than usual.`;
        }
        this.#stateNote.textContent = note;
        this.#stateNote.hidden = note === '';
    }

    #showErrors(errors, moveFocus) {
        const items = [];
        for (const [name, controlId] of FIELDS) {
            const message = errors[name];
            const container = this.#document.getElementById(`field-${name}`);
            const text = this.#document.getElementById(`${name}-error`);
            container.classList.toggle('field-invalid', Boolean(message));
            text.hidden = !message;
            // The visually hidden prefix tells screen reader users this is an error.
            text.replaceChildren();
            if (message) {
                const prefix = this.#document.createElement('span');
                prefix.className = 'visually-hidden';
                prefix.textContent = 'Error: ';
                text.append(prefix, message);
            }
            for (const control of container.querySelectorAll('input, select, textarea')) {
                if (message) {
                    control.setAttribute('aria-invalid', 'true');
                } else {
                    control.removeAttribute('aria-invalid');
                }
            }
            if (message) {
                const link = this.#document.createElement('a');
                link.href = `#${controlId}`;
                link.textContent = message;
                link.addEventListener('click', (event) => {
                    event.preventDefault();
                    this.#document.getElementById(controlId).focus();
                });
                const item = this.#document.createElement('li');
                item.append(link);
                items.push(item);
            }
        }
        this.#summaryList.replaceChildren(...items);
        this.#summary.hidden = items.length === 0;
        if (items.length > 0 && moveFocus) {
            this.#summary.focus();
        }
    }
}
