#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace caredesk::console {

// A support or admin colleague a chat thread can be handed to.
struct ChatColleague {
    qint64 id = 0;
    QString displayName;
    bool online = false; // signed in on a console now
    qint64 threads = 0;  // open threads they own
    bool operator==(const ChatColleague &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ChatColleague)
