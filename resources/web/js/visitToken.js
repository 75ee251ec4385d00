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

// A visit staff filed for the patient arrives as a link with the token in the
// fragment (#visit=...): browsers send fragments neither to servers nor in
// Referer headers. The token moves into storage and leaves the address bar at
// once, so it is not bookmarked, shared or kept in history.
const LINK_TOKEN = /^#visit=([A-Za-z0-9_-]{16,128})$/;

export function adoptVisitTokenFromAddress(location, history) {
    const match = LINK_TOKEN.exec(location.hash);
    if (location.hash.startsWith('#visit=')) {
        history.replaceState(null, '', location.pathname + location.search);
    }
    if (match) {
        saveVisitToken(match[1]);
    }
    return Boolean(match);
}
