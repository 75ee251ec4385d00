#include "state/StateSettingsStore.h"

namespace caredesk::console {

StateSettingsStore::StateSettingsStore(QObject *parent)
    : QObject(parent) {}

const protocol::StateSettings *StateSettingsStore::state(const QString &code) const {
    const int at = row(code);
    return at < 0 ? nullptr : &m_states[static_cast<std::size_t>(at)];
}

void StateSettingsStore::markLoading() {
    setStatus(LoadStatus::Loading);
}

void StateSettingsStore::markFailed(const QString &message) {
    m_failure = message;
    setStatus(LoadStatus::Failed);
}

void StateSettingsStore::replaceAll(std::vector<protocol::StateSettings> states) {
    emit aboutToReset();
    m_states.clear();
    m_rows.clear();
    for (auto &state : states) {
        const QString code = QString::fromStdString(state.code);
        if (m_rows.contains(code))
            continue;
        m_rows.insert(code, static_cast<int>(m_states.size()));
        m_states.push_back(std::move(state));
    }
    emit reset();
    m_failure.clear();
    setStatus(LoadStatus::Loaded);
}

void StateSettingsStore::replace(const protocol::StateSettings &state) {
    const int at = row(QString::fromStdString(state.code));
    if (at < 0) {
        // Not listed yet (saved before the list came): the list is the order.
        std::vector<protocol::StateSettings> states = m_states;
        states.push_back(state);
        replaceAll(std::move(states));
        return;
    }
    auto &current = m_states[static_cast<std::size_t>(at)];
    if (current == state)
        return;
    current = state;
    emit stateChanged(at);
}

void StateSettingsStore::clear() {
    emit aboutToReset();
    m_states.clear();
    m_rows.clear();
    emit reset();
    m_failure.clear();
    setStatus(LoadStatus::NotLoaded);
}

void StateSettingsStore::setStatus(LoadStatus status) {
    if (status == m_status)
        return;
    m_status = status;
    emit loadStatusChanged(status);
}

} // namespace caredesk::console
