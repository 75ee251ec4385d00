#pragma once

#include "domain/VisitStatus.h"

#include <QMetaType>
#include <QString>
#include <optional>

namespace caredesk::protocol {
struct ChatThreadSummary;
}

namespace caredesk::console {

// One row of the chat thread list, in Qt types, as the server last described it.
struct ChatThreadRow {
    qint64 visitId = 0;
    QString state; // state code
    domain::VisitStatus status = domain::VisitStatus::Waiting;
    QString patientName; // "First Last"
    qint64 requestedAtMs = 0;
    std::optional<qint64> ownerId; // none: in the pool
    QString ownerName;
    qint64 lastSeq = 0;
    std::optional<qint64> lastMessageAtMs;
    QString lastSender; // "patient" | "caregiver" | "system", empty when no message yet
    QString preview;
    qint64 unread = 0;
    qint64 patientReadSeq = 0;

    // What a patient is called in a tab and a greeting.
    QString firstName() const { return patientName.section(QLatin1Char(' '), 0, 0); }
    bool operator==(const ChatThreadRow &) const = default;

    static ChatThreadRow fromProtocol(const protocol::ChatThreadSummary &summary);
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ChatThreadRow)
