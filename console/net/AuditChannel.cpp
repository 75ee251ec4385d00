#include "net/AuditChannel.h"

#include "net/ProtocolReplies.h"
#include "net/ServerConnection.h"
#include "state/ProtocolText.h"

namespace caredesk::console {

namespace {
constexpr std::int64_t kPage = 200;

AuditRow rowOf(const protocol::AuditEntry &entry) {
    return {entry.id,
            entry.at,
            fromStd(entry.actorKind),
            entry.actorId,
            fromStd(entry.actorName.value_or(std::string())),
            fromStd(entry.action),
            fromStd(entry.subjectType),
            fromStd(entry.subjectId),
            fromStd(entry.clientAddress),
            fromStd(entry.detail),
            entry.sealed};
}

std::optional<std::string> textFilter(const QString &text) {
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? std::nullopt : std::optional<std::string>(trimmed.toStdString());
}
} // namespace

AuditChannel::AuditChannel(ServerConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection) {
    qRegisterMetaType<AuditRow>();
    qRegisterMetaType<QList<AuditRow>>();
    qRegisterMetaType<AuditFilter>();
}

void AuditChannel::list(const AuditFilter &filter) {
    m_filter = filter;
    ++m_generation;
    m_oldestId.reset();
    m_more = false;
    request(std::nullopt, false, false);
}

void AuditChannel::loadOlder() {
    if (m_more && m_oldestId)
        request(m_oldestId, true, false);
}

void AuditChannel::loadAll() {
    ++m_generation;
    m_collected.clear();
    request(std::nullopt, false, true);
}

void AuditChannel::request(std::optional<qint64> beforeId, bool append, bool all) {
    protocol::ListAuditEvents message;
    message.actorId = m_filter.actorId;
    message.action = textFilter(m_filter.action);
    message.subjectType = textFilter(m_filter.subjectType);
    message.subjectId = textFilter(m_filter.subjectId);
    if (m_filter.from.isValid())
        message.from = m_filter.from.toMSecsSinceEpoch();
    if (m_filter.to.isValid())
        message.to = m_filter.to.toMSecsSinceEpoch();
    message.beforeId = beforeId;
    message.limit = all ? protocol::kMaxAuditPage : kPage;
    const quint64 generation = m_generation;
    m_connection.request(
        message.kType, bodyOf(message),
        [this, generation, append, all](const protocol::Result<protocol::Envelope> &reply) {
            if (generation != m_generation)
                return;
            auto page = replyAs<protocol::AuditEvents>(reply);
            if (!page) {
                emit failed(fromStd(protocol::errorCodeName(page.error().code)),
                            fromStd(page.error().message));
                return;
            }
            QList<AuditRow> rows;
            rows.reserve(static_cast<qsizetype>(page->events.size()));
            for (const auto &entry : page->events)
                rows.append(rowOf(entry));
            if (all) {
                m_collected += rows;
                if (page->more && !rows.isEmpty()) {
                    request(rows.back().id, true, true);
                    return;
                }
                emit allLoaded(m_collected);
                m_collected.clear();
                return;
            }
            if (!rows.isEmpty())
                m_oldestId = rows.back().id;
            m_more = page->more;
            emit pageLoaded(rows, append, page->more);
        });
}

} // namespace caredesk::console
