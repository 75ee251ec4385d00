#pragma once

#include <QObject>
#include <QString>

namespace caredesk::protocol {
struct StateSchedule;
struct StateSettings;
} // namespace caredesk::protocol

namespace caredesk::console {

class ServerConnection;
class StateSettingsStore;

// The state settings traffic: lists every jurisdiction's settings into the
// store, and saves one state's schedule with the version it was read at, so
// a save over someone else's is refused (conflict) rather than lost.
class StateSettingsChannel : public QObject {
    Q_OBJECT

public:
    StateSettingsChannel(ServerConnection &connection, StateSettingsStore &store,
                         QObject *parent = nullptr);

    void list();
    void save(const QString &stateCode, qint64 expectedVersion,
              const protocol::StateSchedule &schedule);

signals:
    // The store holds the saved state already.
    void saved(const QString &stateCode);
    // code: the protocol's error name ("conflict", "out_of_range", ...);
    // field: the JSON path it names ("body.weekly.monday[1]"), or empty.
    void saveFailed(const QString &stateCode, const QString &code, const QString &message,
                    const QString &field);

private:
    ServerConnection &m_connection;
    StateSettingsStore &m_store;
    // Bumped by every list request, so the answer to an older one is ignored.
    quint64 m_listing = 0;
};

} // namespace caredesk::console
