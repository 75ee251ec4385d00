#pragma once

#include "domain/VisitStatus.h"

#include <QDate>
#include <QMetaType>
#include <QString>
#include <optional>

namespace caredesk::protocol {
struct QueueVisit;
}

namespace caredesk::console {

// One visit on the queue board, in Qt types, as the server last described it.
struct QueueVisitRow {
    qint64 id = 0;
    QString state; // state code, "AZ"
    domain::VisitStatus status = domain::VisitStatus::Waiting;
    int priority = 0; // 0 normal .. 9; higher is seen first
    QString firstName;
    QString lastName;
    QDate dateOfBirth;
    QString reason;
    qint64 requestedAtMs = 0; // arrival, server clock
    std::optional<qint64> assignedProviderId;
    QString assignedProviderName;
    std::optional<qint64> position; // 1 = next in its state's line; while in line
    std::optional<qint64> estimatedWaitSeconds;

    QString patientName() const { return firstName + QLatin1Char(' ') + lastName; }
    bool operator==(const QueueVisitRow &) const = default;

    static QueueVisitRow fromProtocol(const protocol::QueueVisit &visit);
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::QueueVisitRow)
