#pragma once

#include "state/AuditRow.h"

#include <QList>
#include <QObject>

namespace caredesk::console {

class ServerConnection;

// Reads the audit trail for the admins' audit window: a first page for a
// filter, older pages on request, and every page at once for an export.
// Replies to an earlier filter are dropped once a new one is asked for.
class AuditChannel : public QObject {
    Q_OBJECT

public:
    explicit AuditChannel(ServerConnection &connection, QObject *parent = nullptr);

    // The newest events matching filter (replaces what was shown).
    void list(const caredesk::console::AuditFilter &filter);
    // The next older page of the current filter.
    void loadOlder();
    // Every event of the current filter, page after page, then exported.
    void loadAll();

signals:
    // append: older events for the end of the list; more: older ones remain.
    void pageLoaded(const QList<caredesk::console::AuditRow> &rows, bool append, bool more);
    // loadAll finished: every matching event.
    void allLoaded(const QList<caredesk::console::AuditRow> &rows);
    void failed(const QString &code, const QString &message);

private:
    void request(std::optional<qint64> beforeId, bool append, bool all);

    ServerConnection &m_connection;
    AuditFilter m_filter;
    quint64 m_generation = 0;
    std::optional<qint64> m_oldestId;
    bool m_more = false;
    QList<AuditRow> m_collected; // loadAll so far
};

} // namespace caredesk::console
