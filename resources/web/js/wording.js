// Turns protocol numbers (seconds, epoch milliseconds) into the words a
// patient reads. Pure functions: no DOM, so they run under Node as well.

const SECONDS_PER_MINUTE = 60;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
}

// A wait, rounded so that it reads as the estimate it is: to the minute under
// ten minutes, to five minutes under an hour, then to a quarter hour.
// Returns null when there is no usable estimate.
export function waitText(seconds) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        return null;
    }
    const minutes = seconds / SECONDS_PER_MINUTE;
    if (minutes < 1) {
        return 'less than a minute';
    }
    if (minutes < 10) {
        return `about ${plural(Math.round(minutes), 'minute', 'minutes')}`;
    }
    if (minutes < 57.5) {
        return `about ${Math.round(minutes / 5) * 5} minutes`;
    }
    const quarters = Math.round(minutes / 15);
    const hours = Math.floor(quarters / 4);
    const rest = (quarters % 4) * 15;
    const hourText = plural(hours, 'hour', 'hours');
    return rest === 0 ? `about ${hourText}` : `about ${hourText} ${rest} minutes`;
}

// Calendar date of an instant in a time zone, as a day count (for "today" and
// "tomorrow", which depend on the zone, not on 24-hour spans).
function dayNumber(epochMs, timeZone) {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
    }).formatToParts(new Date(epochMs));
    const value = (type) => Number(parts.find((part) => part.type === type).value);
    return Date.UTC(value('year'), value('month') - 1, value('day')) / MS_PER_DAY;
}

// When something happens, in the reader's own time zone (or `timeZone` when
// given): "today at 8:00 AM PST", "tomorrow at ...", "Monday, November 23 at ...".
export function momentText(epochMs, nowMs, timeZone = undefined) {
    const time = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
    }).format(new Date(epochMs));
    const days = dayNumber(epochMs, timeZone) - dayNumber(nowMs, timeZone);
    if (days === 0) {
        return `today at ${time}`;
    }
    if (days === 1) {
        return `tomorrow at ${time}`;
    }
    const date = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'long',
        month: 'long',
        day: 'numeric',
    }).format(new Date(epochMs));
    return `${date} at ${time}`;
}

// The text of a state in the "Where are you right now?" list.
export function stateOptionText(state, nowMs, timeZone = undefined) {
    if (state.status === 'closed') {
        const opens =
            typeof state.nextOpenAt === 'number'
                ? `, opens ${momentText(state.nextOpenAt, nowMs, timeZone)}`
                : '';
        return `${state.name} (closed now${opens})`;
    }
    if (state.status === 'busy') {
        return `${state.name} (high demand)`;
    }
    return state.name;
}

// What the refusal screen says for an intake_refused body.
export function refusalWording(refusal, stateName, nowMs, timeZone = undefined) {
    const when =
        typeof refusal.nextOpenAt === 'number'
            ? momentText(refusal.nextOpenAt, nowMs, timeZone)
            : null;
    switch (refusal.reason) {
        case 'closed':
            return {
                title: `Visits in ${stateName} are closed right now`,
                text: when ? `They open again ${when}.` : 'Please try again later.',
                detail: when ? 'That time is shown in your own time zone.' : '',
            };
        case 'at_capacity':
            return {
                title: `Today's visits in ${stateName} are full`,
                text:
                    'So that everyone already waiting can be seen before closing time, ' +
                    'we cannot add more visits today.',
                detail: when ? `Visits open again ${when}.` : 'Please try again later.',
            };
        case 'busy': {
            const wait = waitText(refusal.estimatedWaitSeconds);
            return {
                title: `High demand in ${stateName}`,
                text:
                    'Many people are asking for a visit right now, so we are taking new ' +
                    'requests more slowly. Please try again in a few minutes.',
                detail: wait ? `The current wait is ${wait}.` : '',
            };
        }
        default:
            return {
                title: 'We cannot take your request right now',
                text: refusal.message || 'Please try again later.',
                detail: '',
            };
    }
}

const FINAL_WORDING = {
    cancelled: {
        title: 'Your request is cancelled',
        text: 'You have left the line. If you still need care, you can request a new visit.',
    },
    removed: {
        title: 'Your request was closed',
        text:
            'A member of our care team closed your request. If you still need care, ' +
            'request a new visit or call your clinic.',
    },
    completed: {
        title: 'Your visit is complete',
        text: 'Thank you for using CareDesk virtual visits. Take care.',
    },
    no_show: {
        title: 'We missed you',
        text:
            'A provider was ready but could not reach you, so your request was closed. ' +
            'You can request a new visit.',
    },
    left: {
        title: 'Your place in line was given up',
        text:
            'This page was closed for too long, so your place in line was released. ' +
            'You can request a new visit.',
    },
};

export function isFinalStatus(status) {
    return Object.hasOwn(FINAL_WORDING, status);
}

// What the waiting (or final) screen says for a PatientVisit.
// `final` is true when the visit is over and the page should offer a new one.
export function visitWording(visit, stateName) {
    if (isFinalStatus(visit.status)) {
        return { final: true, ...FINAL_WORDING[visit.status] };
    }
    const demand =
        visit.stateStatus === 'busy'
            ? `High demand in ${stateName}: many people are asking for a visit right now. ` +
              'Your estimate already allows for it.'
            : visit.stateStatus === 'closed'
              ? `${stateName} is not taking new requests now, but everyone already in line, ` +
                'including you, will be seen.'
              : '';
    if (visit.status === 'assigned') {
        return {
            final: false,
            title: 'A provider is getting ready',
            lead: 'Your visit will start in a moment. Please stay on this page.',
            showFigures: false,
            live: 'A provider is getting ready for your visit.',
            demand: '',
        };
    }
    if (visit.status === 'in_visit') {
        return {
            final: false,
            title: 'Your visit is under way',
            lead: 'Your provider has started the visit.',
            showFigures: false,
            live: 'Your visit is under way.',
            demand: '',
        };
    }
    const position = typeof visit.position === 'number' ? String(visit.position) : '–';
    const wait = waitText(visit.estimatedWaitSeconds);
    const estimate = wait ?? 'being worked out';
    const live =
        typeof visit.position === 'number'
            ? `You are number ${visit.position} in line. Estimated wait: ${estimate}.`
            : `Estimated wait: ${estimate}.`;
    return {
        final: false,
        title: 'You are in line',
        lead: `Your request for a visit in ${stateName} is in.`,
        showFigures: true,
        position,
        estimate: wait ? capitalise(wait) : 'Being worked out',
        live,
        demand,
    };
}

function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
