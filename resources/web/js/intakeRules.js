// The intake form's checks. They mirror the server's protocol limits so a
// patient hears about a mistake next to the field, before anything is sent;
// the server still checks everything again. Pure: no DOM.

export const LIMITS = Object.freeze({
    nameBytes: 100,
    reasonBytes: 1000,
    contactBytes: 200,
    oldestBirthYear: 1900,
});

const encoder = new TextEncoder();

// The protocol counts string limits in UTF-8 bytes, not characters.
export function utf8Bytes(text) {
    return encoder.encode(text).length;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARACTERS = /^\+?[0-9 ().\-]+$/;

export function looksLikeContact(text) {
    if (EMAIL.test(text)) {
        return true;
    }
    if (!PHONE_CHARACTERS.test(text)) {
        return false;
    }
    const digits = text.replace(/[^0-9]/g, '').length;
    return digits >= 7 && digits <= 15;
}

function pad(number, width) {
    return String(number).padStart(width, '0');
}

function daysInMonth(year, month) {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Month, day and year as typed, checked against `today` ({year, month, day}
// in the patient's own calendar). Returns {iso} or {error}.
export function checkDateOfBirth(monthText, dayText, yearText, today) {
    const typed = [monthText, dayText, yearText].map((text) => text.trim());
    if (typed.every((text) => text === '')) {
        return { error: 'Enter your date of birth.' };
    }
    if (!typed.every((text) => /^[0-9]+$/.test(text)) || typed[2].length !== 4) {
        return { error: 'Enter your date of birth as numbers, for example 4 27 1985.' };
    }
    const [month, day, year] = typed.map(Number);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return { error: 'Enter a real date of birth, for example 4 27 1985.' };
    }
    if (year < LIMITS.oldestBirthYear) {
        return { error: 'Check the year of your date of birth.' };
    }
    const asNumber = (y, m, d) => y * 10000 + m * 100 + d;
    if (asNumber(year, month, day) >= asNumber(today.year, today.month, today.day)) {
        return { error: 'Your date of birth must be in the past.' };
    }
    return { iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

function checkText(text, maxBytes, emptyMessage, longMessage) {
    if (text === '') {
        return emptyMessage;
    }
    return utf8Bytes(text) > maxBytes ? longMessage : null;
}

// `values` holds the raw form values; `stateCodes` the states the server
// offered. Returns {errors, request}: errors maps a field name (state,
// firstName, lastName, dateOfBirth, reason, contact, consent) to a message,
// in form order; request is the visit_request body, set only when there are
// no errors.
export function checkIntake(values, stateCodes, today) {
    const errors = {};
    const state = values.state;
    if (!state || !stateCodes.includes(state)) {
        errors.state = 'Choose the state you are in right now.';
    }
    const firstName = values.firstName.trim();
    const firstNameError = checkText(
        firstName,
        LIMITS.nameBytes,
        'Enter your first name.',
        `First name must be at most ${LIMITS.nameBytes} characters.`,
    );
    if (firstNameError) {
        errors.firstName = firstNameError;
    }
    const lastName = values.lastName.trim();
    const lastNameError = checkText(
        lastName,
        LIMITS.nameBytes,
        'Enter your last name.',
        `Last name must be at most ${LIMITS.nameBytes} characters.`,
    );
    if (lastNameError) {
        errors.lastName = lastNameError;
    }
    const birth = checkDateOfBirth(values.birthMonth, values.birthDay, values.birthYear, today);
    if (birth.error) {
        errors.dateOfBirth = birth.error;
    }
    const reason = values.reason.trim();
    const reasonError = checkText(
        reason,
        LIMITS.reasonBytes,
        'Tell us briefly why you need a visit.',
        `Shorten the reason to at most ${LIMITS.reasonBytes} characters.`,
    );
    if (reasonError) {
        errors.reason = reasonError;
    }
    const contact = values.contact.trim();
    let contactError = checkText(
        contact,
        LIMITS.contactBytes,
        'Enter a phone number or an email address.',
        `Shorten the phone number or email address to at most ${LIMITS.contactBytes} characters.`,
    );
    if (!contactError && !looksLikeContact(contact)) {
        contactError =
            'Enter a phone number like 206 555 0100 or an email address like name@example.com.';
    }
    if (contactError) {
        errors.contact = contactError;
    }
    if (values.consent !== true) {
        errors.consent = 'Check the box to agree before you continue.';
    }
    if (Object.keys(errors).length > 0) {
        return { errors, request: null };
    }
    return {
        errors,
        request: {
            state,
            firstName,
            lastName,
            dateOfBirth: birth.iso,
            reason,
            contact,
            consent: true,
        },
    };
}
