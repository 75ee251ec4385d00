#pragma once

#include "state/ChatThreadRow.h"

#include <QHash>
#include <QObject>
#include <optional>
#include <vector>

namespace caredesk::console {

// The chat threads this caregiver may see, built from one chat_threads
// snapshot and kept current by the chat_threads_delta stream. Like the queue
// board's store it owns the sequence check: a delta that is not the next one
// is not applied and outOfSync asks for a fresh snapshot. Rows keep their
// arrival order; every change is announced row by row.
class ChatThreadStore : public QObject {
    Q_OBJECT

public:
    enum class SyncStatus { Offline, Loading, Live, Stale };
    Q_ENUM(SyncStatus)

    explicit ChatThreadStore(QObject *parent = nullptr);

    const std::vector<ChatThreadRow> &threads() const { return m_threads; }
    int row(qint64 visitId) const { return m_rows.value(visitId, -1); }
    const ChatThreadRow *thread(qint64 visitId) const;
    SyncStatus syncStatus() const { return m_sync; }
    // Patient messages not yet read, over every thread shown.
    qint64 totalUnread() const;

    // Replaces the list; rows that did not change are not announced.
    void applySnapshot(const std::vector<ChatThreadRow> &threads, qint64 seq);
    // The next delta of the stream; false (nothing changed) when the list is
    // not live or seq is not the next one, in which case outOfSync follows.
    bool applyDelta(const std::vector<ChatThreadRow> &threads,
                    const std::vector<qint64> &removedVisitIds, qint64 seq);
    // One thread as a claim or transfer reply described it (outside the stream).
    void update(const ChatThreadRow &thread);
    void markSubscribing();
    void markDisconnected();
    void clear();

signals:
    void threadsAboutToBeAdded(int first, int last);
    void threadsAdded(int first, int last);
    void threadChanged(int row);
    void threadAboutToBeRemoved(int row);
    void threadRemoved(int row);
    void aboutToReset();
    void reset();
    void syncStatusChanged(caredesk::console::ChatThreadStore::SyncStatus status);
    void outOfSync(qint64 expectedSeq, qint64 receivedSeq);
    // A delta brought a new patient message in this thread (not a snapshot:
    // those describe what is already known or was missed while away).
    void patientWrote(qint64 visitId);

private:
    void upsert(const ChatThreadRow &thread, bool announceMessages);
    void removeAt(int row);
    void setSyncStatus(SyncStatus status);

    std::vector<ChatThreadRow> m_threads;
    QHash<qint64, int> m_rows;
    std::optional<qint64> m_seq;
    SyncStatus m_sync = SyncStatus::Offline;
};

} // namespace caredesk::console
