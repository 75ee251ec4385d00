#pragma once

#include <QMetaType>
#include <QString>

namespace caredesk::console {

// Why the server (or the link) refused a request, in Qt types: the protocol's
// error name, its message for people, the body field it names ("body.email",
// empty when none) and, when throttled, how long to wait.
struct RequestFailure {
    QString code;
    QString message;
    QString field;
    int retryAfterSeconds = 0;
    bool operator==(const RequestFailure &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::RequestFailure)
