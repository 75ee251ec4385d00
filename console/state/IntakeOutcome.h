#pragma once

#include <QMetaType>
#include <QString>
#include <optional>

namespace caredesk::console {

// A visit staff filed for a patient and the server put in line. The token is
// the patient's key to it: it goes into the link handed to the patient and
// nowhere else (never into a log or a banner).
struct FiledVisit {
    QString token;
    qint64 visitId = 0;
    QString stateCode;
    std::optional<qint64> position; // 1 = next
    std::optional<qint64> estimatedWaitSeconds;
    bool operator==(const FiledVisit &) const = default;
};

// The state did not take the visit now.
struct IntakeRefusal {
    QString reason;  // "closed" | "at_capacity" | "busy"
    QString message; // the server's words, for the patient
    std::optional<qint64> nextOpenAtMs;
    std::optional<qint64> estimatedWaitSeconds;
    bool operator==(const IntakeRefusal &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::FiledVisit)
Q_DECLARE_METATYPE(caredesk::console::IntakeRefusal)
