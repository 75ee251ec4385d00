#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace caredesk::console {

// The signed-in caregiver, in Qt types. The token is deliberately absent: it
// stays inside ServerConnection.
struct SessionInfo {
    qint64 userId = 0;
    QString username;
    QString displayName;
    QStringList roles; // wire names in the order support, provider, admin
    bool active = true;
    QDateTime idleExpiresAt;     // UTC; the server extends it with activity
    QDateTime absoluteExpiresAt; // UTC; never extended

    bool hasRole(const QString &role) const { return roles.contains(role); }
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::SessionInfo)
