// Makes a demo state take visits whatever the time of day the tests run at:
// hours around the clock, and licensed providers on shift.

import { ProtocolClient } from './ProtocolClient.mjs';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export async function openAroundTheClock(admin, code) {
    const list = await admin.expect('state_settings_list', 'list_state_settings');
    const settings = list.body.states.find((state) => state.code === code);
    const allDay = [{ opens: '00:00', closes: '00:00' }];
    await admin.expect('state_settings_list', 'update_state_settings', {
        state: code,
        expectedVersion: settings.version,
        timeZone: settings.timeZone,
        enabled: true,
        weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, allDay])),
        closures: [],
        specialHours: [],
    });
}

// Signs the demo providers in and makes them available; their connections
// stay open for as long as `context` does.
export async function providersOnShift(context, baseUrl, password) {
    for (const username of ['dr.chen', 'dr.okafor']) {
        const provider = await ProtocolClient.open(context, baseUrl);
        await provider.login(username, password);
        await provider.succeed('set_availability', { status: 'available' });
    }
}
