#pragma once

#include "net/ConnectionState.h"
#include "net/SessionInfo.h"

#include <QObject>
#include <optional>

namespace caredesk::console {

// What the console knows about its own sign-in: the link's state and who is
// signed in. The views read it from here and never from the network layer, so
// they can be shown (and tested) with any state at all.
class SessionState : public QObject {
    Q_OBJECT

public:
    explicit SessionState(QObject *parent = nullptr);

    const ConnectionState &connection() const { return m_connection; }
    const std::optional<SessionInfo> &caregiver() const { return m_caregiver; }
    bool isSignedIn() const { return m_caregiver.has_value(); }

    void setConnection(const ConnectionState &state);
    void setCaregiver(const SessionInfo &caregiver);
    void clearCaregiver();

signals:
    void connectionChanged(const caredesk::console::ConnectionState &state);
    // Someone signed in, the session was resumed, or nobody is signed in any more.
    void caregiverChanged();

private:
    ConnectionState m_connection;
    std::optional<SessionInfo> m_caregiver;
};

} // namespace caredesk::console
