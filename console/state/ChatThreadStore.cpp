#include "state/ChatThreadStore.h"

#include "state/ProtocolText.h"
#include "protocol/Messages.h"

#include <QSet>

namespace caredesk::console {

ChatThreadRow ChatThreadRow::fromProtocol(const protocol::ChatThreadSummary &summary) {
    ChatThreadRow row;
    row.visitId = summary.visitId;
    row.state = fromStd(summary.state);
    row.status =
        domain::visitStatusFromName(summary.visitStatus).value_or(domain::VisitStatus::Waiting);
    row.patientName = fromStd(summary.patientName);
    row.requestedAtMs = summary.requestedAt;
    row.ownerId = summary.ownerId;
    if (summary.ownerName)
        row.ownerName = fromStd(*summary.ownerName);
    row.lastSeq = summary.lastSeq;
    row.lastMessageAtMs = summary.lastMessageAt;
    if (summary.lastSender)
        row.lastSender = fromStd(*summary.lastSender);
    if (summary.preview)
        row.preview = fromStd(*summary.preview);
    row.unread = summary.unread;
    row.patientReadSeq = summary.patientReadSeq;
    return row;
}

ChatThreadStore::ChatThreadStore(QObject *parent)
    : QObject(parent) {}

const ChatThreadRow *ChatThreadStore::thread(qint64 visitId) const {
    const int index = row(visitId);
    return index < 0 ? nullptr : &m_threads[static_cast<std::size_t>(index)];
}

qint64 ChatThreadStore::totalUnread() const {
    qint64 total = 0;
    for (const ChatThreadRow &thread : m_threads)
        total += thread.unread;
    return total;
}

void ChatThreadStore::applySnapshot(const std::vector<ChatThreadRow> &threads, qint64 seq) {
    QSet<qint64> present;
    for (const ChatThreadRow &thread : threads)
        present.insert(thread.visitId);
    for (int index = static_cast<int>(m_threads.size()) - 1; index >= 0; --index) {
        if (!present.contains(m_threads[static_cast<std::size_t>(index)].visitId))
            removeAt(index);
    }
    for (const ChatThreadRow &thread : threads)
        upsert(thread, false);
    m_seq = seq;
    setSyncStatus(SyncStatus::Live);
}

bool ChatThreadStore::applyDelta(const std::vector<ChatThreadRow> &threads,
                                 const std::vector<qint64> &removedVisitIds, qint64 seq) {
    if (m_sync != SyncStatus::Live || !m_seq)
        return false;
    if (seq != *m_seq + 1) {
        const qint64 expected = *m_seq + 1;
        setSyncStatus(SyncStatus::Stale);
        emit outOfSync(expected, seq);
        return false;
    }
    m_seq = seq;
    for (qint64 visitId : removedVisitIds) {
        const int index = row(visitId);
        if (index >= 0)
            removeAt(index);
    }
    for (const ChatThreadRow &thread : threads)
        upsert(thread, true);
    return true;
}

void ChatThreadStore::update(const ChatThreadRow &thread) {
    upsert(thread, false);
}

void ChatThreadStore::upsert(const ChatThreadRow &thread, bool announceMessages) {
    const int index = row(thread.visitId);
    if (index < 0) {
        const int at = static_cast<int>(m_threads.size());
        emit threadsAboutToBeAdded(at, at);
        m_threads.push_back(thread);
        m_rows.insert(thread.visitId, at);
        emit threadsAdded(at, at);
        if (announceMessages && thread.lastSender == QLatin1String("patient") && thread.unread > 0)
            emit patientWrote(thread.visitId);
        return;
    }
    ChatThreadRow &current = m_threads[static_cast<std::size_t>(index)];
    if (current == thread)
        return;
    const bool newPatientMessage = thread.lastSeq > current.lastSeq &&
                                   thread.lastSender == QLatin1String("patient") &&
                                   thread.unread > 0;
    current = thread;
    emit threadChanged(index);
    if (announceMessages && newPatientMessage)
        emit patientWrote(thread.visitId);
}

void ChatThreadStore::removeAt(int index) {
    emit threadAboutToBeRemoved(index);
    m_rows.remove(m_threads[static_cast<std::size_t>(index)].visitId);
    m_threads.erase(m_threads.begin() + index);
    for (int later = index; later < static_cast<int>(m_threads.size()); ++later)
        m_rows[m_threads[static_cast<std::size_t>(later)].visitId] = later;
    emit threadRemoved(index);
}

void ChatThreadStore::markSubscribing() {
    setSyncStatus(SyncStatus::Loading);
}

void ChatThreadStore::markDisconnected() {
    m_seq.reset();
    setSyncStatus(m_threads.empty() ? SyncStatus::Offline : SyncStatus::Stale);
}

void ChatThreadStore::clear() {
    emit aboutToReset();
    m_threads.clear();
    m_rows.clear();
    m_seq.reset();
    emit reset();
    setSyncStatus(SyncStatus::Offline);
}

void ChatThreadStore::setSyncStatus(SyncStatus status) {
    if (status == m_sync)
        return;
    m_sync = status;
    emit syncStatusChanged(status);
}

} // namespace caredesk::console
