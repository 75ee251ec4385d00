#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace caredesk::console {

// A provider the console can offer when assigning a visit, as the server's
// provider list describes them at the moment it was asked.
struct ProviderChoice {
    qint64 id = 0;
    QString displayName;
    bool available = false;
    bool inVisit = false;   // has a visit assigned or in progress
    QStringList licensedIn; // state codes with a license in force now
    bool operator==(const ProviderChoice &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ProviderChoice)
