#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace caredesk::console {

// What one line of an import file does, or would do.
struct ImportLineRow {
    int line = 0;
    QString username;
    QString caregiver; // "create" | "update" | "unchanged" | "" (line in error)
    QString license;   // "create" | "update" | "unchanged" | "none" | ""
    QString error;     // why the line cannot be applied; empty when it can
    bool operator==(const ImportLineRow &) const = default;
};

// An invitation for an account the import created.
struct ImportedInvitation {
    QString username;
    QString displayName;
    QString code;
    qint64 expiresAtMs = 0;
    bool operator==(const ImportedInvitation &) const = default;
};

// The server's report on an import: a preview (dry run) or the applied file.
struct ImportOutcome {
    bool applyRequested = false; // what was asked
    bool applied = false;        // true only when applied and every line was valid
    QList<ImportLineRow> lines;
    qint64 errors = 0;
    qint64 caregiversCreated = 0;
    qint64 caregiversUpdated = 0;
    qint64 licensesCreated = 0;
    qint64 licensesUpdated = 0;
    qint64 unchanged = 0;
    QList<ImportedInvitation> invitations;
    bool operator==(const ImportOutcome &) const = default;
};

} // namespace caredesk::console

Q_DECLARE_METATYPE(caredesk::console::ImportOutcome)
