#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace caredesk::console {

// A snippet staff insert into a chat; placeholders such as {firstName} are
// filled in when it is inserted (domain/CannedPlaceholders.h).
struct CannedResponseRow {
    qint64 id = 0;
    QString shortcut; // typed as /shortcut
    QString title;
    QString body;
    qint64 version = 0; // what a change must name, so a colleague's edit is not overwritten
    bool operator==(const CannedResponseRow &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::CannedResponseRow)
