#pragma once

#include <QMetaType>
#include <QString>

namespace caredesk::console {

// A provider the console can offer when assigning a visit.
struct ProviderChoice {
    qint64 id = 0;
    QString displayName;
    QString username; // empty when only the name is known (from a visit's assignment)
    bool operator==(const ProviderChoice &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ProviderChoice)
