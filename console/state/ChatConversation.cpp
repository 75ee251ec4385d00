#include "state/ChatConversation.h"

#include <algorithm>

namespace caredesk::console {

ChatConversation::ChatConversation(qint64 visitId, QObject *parent)
    : QObject(parent)
    , m_visitId(visitId) {
    m_typingTimer.setSingleShot(true);
    connect(&m_typingTimer, &QTimer::timeout, this, [this] {
        m_typing.clear();
        emit detailsChanged();
    });
}

const ChatLine *ChatConversation::line(const QString &clientMessageId) const {
    for (const ChatLine &candidate : m_lines) {
        if (candidate.clientMessageId == clientMessageId)
            return &candidate;
    }
    return nullptr;
}

qint64 ChatConversation::oldestSeq() const {
    return m_delivered > 0 ? m_lines.front().seq : 0;
}

qint64 ChatConversation::newestSeq() const {
    return m_delivered > 0 ? m_lines[static_cast<std::size_t>(m_delivered - 1)].seq : 0;
}

std::optional<qint64> ChatConversation::gapAfter() const {
    if (!m_loaded)
        return std::nullopt;
    for (int row = 1; row < m_delivered; ++row) {
        const qint64 previous = m_lines[static_cast<std::size_t>(row - 1)].seq;
        if (m_lines[static_cast<std::size_t>(row)].seq != previous + 1)
            return previous;
    }
    if (m_serverNewest > newestSeq())
        return newestSeq();
    return std::nullopt;
}

int ChatConversation::deliveredRowFor(qint64 seq) const {
    const auto end = m_lines.begin() + m_delivered;
    const auto found = std::lower_bound(
        m_lines.begin(), end, seq, [](const ChatLine &line, qint64 value) { return line.seq < value; });
    return static_cast<int>(found - m_lines.begin());
}

int ChatConversation::pendingRow(const QString &clientMessageId) const {
    for (int row = m_delivered; row < static_cast<int>(m_lines.size()); ++row) {
        if (m_lines[static_cast<std::size_t>(row)].clientMessageId == clientMessageId)
            return row;
    }
    return -1;
}

void ChatConversation::insertLine(int row, const ChatLine &line) {
    emit linesAboutToBeInserted(row, row);
    m_lines.insert(m_lines.begin() + row, line);
    if (line.isDelivered())
        ++m_delivered;
    emit linesInserted(row, row);
}

void ChatConversation::removeLineAt(int row) {
    emit lineAboutToBeRemoved(row);
    if (m_lines[static_cast<std::size_t>(row)].isDelivered())
        --m_delivered;
    m_lines.erase(m_lines.begin() + row);
    emit lineRemoved(row);
}

void ChatConversation::merge(const std::vector<ChatLine> &delivered) {
    for (const ChatLine &incoming : delivered) {
        if (incoming.seq <= 0)
            continue;
        m_serverNewest = std::max(m_serverNewest, incoming.seq);
        if (!incoming.clientMessageId.isEmpty()) {
            const int pending = pendingRow(incoming.clientMessageId);
            if (pending >= 0)
                removeLineAt(pending);
        }
        const int row = deliveredRowFor(incoming.seq);
        if (row < m_delivered && m_lines[static_cast<std::size_t>(row)].seq == incoming.seq)
            continue; // held already
        ChatLine line = incoming;
        line.delivery = ChatLine::Delivery::Delivered;
        insertLine(row, line);
        // Whoever wrote has stopped typing.
        if (!m_typing.isEmpty() && line.sender != ChatLine::Sender::System) {
            m_typing.clear();
            m_typingTimer.stop();
            emit detailsChanged();
        }
    }
}

void ChatConversation::applyHistoryState(bool more, bool older, qint64 lastSeq, bool readOnly,
                                         qint64 patientReadSeq, qint64 staffReadSeq) {
    // Reading forward, `more` speaks of newer messages: lastSeq covers them.
    // The first page (chat_open) reads backwards from the newest.
    if (older || !m_loaded)
        m_hasOlder = more;
    m_loaded = true;
    m_serverNewest = std::max(m_serverNewest, lastSeq);
    m_readOnly = m_readOnly || readOnly;
    m_patientRead = std::max(m_patientRead, patientReadSeq);
    m_staffRead = std::max(m_staffRead, staffReadSeq);
    emit detailsChanged();
}

void ChatConversation::noteServerSeq(qint64 seq) {
    if (seq <= m_serverNewest)
        return;
    m_serverNewest = seq;
    emit detailsChanged();
}

void ChatConversation::setReadOnly(bool readOnly) {
    if (readOnly == m_readOnly)
        return;
    m_readOnly = readOnly;
    emit detailsChanged();
}

void ChatConversation::addPending(const ChatLine &line) {
    ChatLine pending = line;
    pending.seq = 0;
    if (pending.delivery == ChatLine::Delivery::Delivered)
        pending.delivery = ChatLine::Delivery::Sending;
    if (pendingRow(pending.clientMessageId) >= 0)
        return;
    insertLine(static_cast<int>(m_lines.size()), pending);
}

void ChatConversation::acknowledge(const QString &clientMessageId, qint64 seq, qint64 sentAtMs) {
    const int row = pendingRow(clientMessageId);
    if (row < 0)
        return; // the pushed copy arrived first and took its place
    ChatLine line = m_lines[static_cast<std::size_t>(row)];
    line.seq = seq;
    line.sentAtMs = sentAtMs;
    line.failure.clear();
    merge({line});
}

void ChatConversation::markFailed(const QString &clientMessageId, const QString &reason) {
    const int row = pendingRow(clientMessageId);
    if (row < 0)
        return;
    ChatLine &line = m_lines[static_cast<std::size_t>(row)];
    line.delivery = ChatLine::Delivery::Failed;
    line.failure = reason;
    emit lineChanged(row);
}

void ChatConversation::markSending(const QString &clientMessageId) {
    const int row = pendingRow(clientMessageId);
    if (row < 0)
        return;
    ChatLine &line = m_lines[static_cast<std::size_t>(row)];
    if (line.delivery == ChatLine::Delivery::Sending && line.failure.isEmpty())
        return;
    line.delivery = ChatLine::Delivery::Sending;
    line.failure.clear();
    emit lineChanged(row);
}

void ChatConversation::removePending(const QString &clientMessageId) {
    const int row = pendingRow(clientMessageId);
    if (row >= 0)
        removeLineAt(row);
}

void ChatConversation::setReadPositions(qint64 patientReadSeq, qint64 staffReadSeq) {
    const qint64 patient = std::max(m_patientRead, patientReadSeq);
    const qint64 staff = std::max(m_staffRead, staffReadSeq);
    if (patient == m_patientRead && staff == m_staffRead)
        return;
    m_patientRead = patient;
    m_staffRead = staff;
    emit detailsChanged();
}

void ChatConversation::setTyping(const QString &party, int typingMs) {
    m_typing = party;
    m_typingTimer.start(typingMs);
    emit detailsChanged();
}

} // namespace caredesk::console
