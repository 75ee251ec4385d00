#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <optional>

namespace caredesk::console {

// One event of the audit trail, in Qt types.
struct AuditRow {
    qint64 id = 0;
    qint64 atMs = 0;
    QString actorKind; // "caregiver" | "patient" | "system"
    std::optional<qint64> actorId;
    QString actorName;
    QString action;
    QString subjectType;
    QString subjectId;
    QString clientAddress;
    QString detail; // JSON text
    bool sealed = false;
    bool operator==(const AuditRow &) const = default;
};

// What an admin asks of the audit trail; empty fields do not filter.
struct AuditFilter {
    std::optional<qint64> actorId;
    QString action; // a prefix
    QString subjectType;
    QString subjectId;
    QDateTime from; // invalid: no bound
    QDateTime to;
    bool operator==(const AuditFilter &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::AuditRow)
Q_DECLARE_METATYPE(caredesk::console::AuditFilter)
