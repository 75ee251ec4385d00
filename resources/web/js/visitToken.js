// The per-visit secret that lets this tab find its visit again after a reload.
// It lives in sessionStorage (this tab only, gone when the tab closes) and
// never in the address, where it would end up in history and logs.

const KEY = 'caredesk.visitToken';

export function readVisitToken() {
    try {
        return sessionStorage.getItem(KEY);
    } catch {
        return null; // storage disabled: the visit just does not survive a reload
    }
}

export function saveVisitToken(token) {
    try {
        sessionStorage.setItem(KEY, token);
    } catch {
        // Same as above: nothing else to do without storage.
    }
}

export function forgetVisitToken() {
    try {
        sessionStorage.removeItem(KEY);
    } catch {
        // Nothing stored, nothing to forget.
    }
}
