#include "state/SessionState.h"

namespace caredesk::console {

SessionState::SessionState(QObject *parent)
    : QObject(parent) {}

void SessionState::setConnection(const ConnectionState &state) {
    if (state == m_connection)
        return;
    m_connection = state;
    emit connectionChanged(m_connection);
}

void SessionState::setCaregiver(const SessionInfo &caregiver) {
    m_caregiver = caregiver;
    emit caregiverChanged();
}

void SessionState::clearCaregiver() {
    if (!m_caregiver)
        return;
    m_caregiver.reset();
    emit caregiverChanged();
}

} // namespace caredesk::console
