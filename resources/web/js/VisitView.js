// The waiting screen and the final screen of a visit, drawn from the
// server's PatientVisit. Every server and patient string goes in through
// textContent, never as markup.

import { visitWording } from './wording.js';

export class VisitView {
    #element;
    #lastLive = '';

    constructor(document) {
        const byId = (id) => document.getElementById(id);
        this.#element = {
            waitingTitle: byId('waiting-title'),
            greeting: byId('waiting-greeting'),
            figures: byId('waiting-figures'),
            position: byId('waiting-position'),
            estimate: byId('waiting-estimate'),
            live: byId('waiting-live'),
            demand: byId('waiting-demand'),
            notice: byId('waiting-notice'),
            advice: byId('waiting-advice'),
            reference: byId('waiting-reference'),
            cancel: byId('cancel-open'),
            status: byId('waiting-status'),
            finalTitle: byId('final-title'),
            finalText: byId('final-text'),
            finalNotice: byId('final-notice'),
        };
    }

    // Draws the visit and returns which screen shows it: 'waiting' or 'final'.
    // firstName is known only in the tab that sent the request (it is not kept).
    show(visit, stateName, firstName) {
        const wording = visitWording(visit, stateName);
        const element = this.#element;
        const notice = typeof visit.notice === 'string' ? visit.notice : '';
        if (wording.final) {
            element.finalTitle.textContent = wording.title;
            element.finalText.textContent = wording.text;
            element.finalNotice.textContent = notice;
            element.finalNotice.hidden = notice === '';
            this.#lastLive = '';
            return 'final';
        }
        element.waitingTitle.textContent = wording.title;
        element.greeting.textContent = firstName
            ? `Thank you, ${firstName}. ${wording.lead}`
            : wording.lead;
        element.figures.hidden = !wording.showFigures;
        element.advice.hidden = !wording.showFigures;
        if (wording.showFigures) {
            element.position.textContent = wording.position;
            element.estimate.textContent = wording.estimate;
        }
        element.demand.textContent = wording.demand;
        element.demand.hidden = wording.demand === '';
        element.notice.textContent = notice;
        element.notice.hidden = notice === '';
        element.reference.textContent = String(visit.visitId);
        element.cancel.hidden = visit.status === 'in_visit';
        // Announce only a real change, so screen readers are not flooded by
        // pushes that repeat what the patient already heard.
        if (wording.live !== this.#lastLive) {
            this.#lastLive = wording.live;
            element.live.textContent = wording.live;
        }
        return 'waiting';
    }

    setStatus(text) {
        this.#element.status.textContent = text;
    }
}
