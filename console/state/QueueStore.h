#pragma once

#include "state/KeyedRows.h"
#include "state/ProviderStatusRow.h"
#include "state/QueueVisitRow.h"
#include "state/StateQueueRow.h"

#include <QObject>
#include <QSet>
#include <optional>
#include <vector>

namespace caredesk::protocol {
struct QueueSnapshot;
struct QueueDelta;
} // namespace caredesk::protocol

namespace caredesk::console {

// The queue board as this console knows it: every enabled state's queue,
// every visit not yet over and every active provider's status, built from one
// queue_snapshot and kept current by the queue_delta stream. It owns the
// sequence check: a delta that is not the next one in the stream is not
// applied, and outOfSync asks for a fresh snapshot.
//
// Rows keep the order in which they first arrived, so a row's index only
// changes when a row before it leaves; the models sort and filter on top.
// Every change is announced row by row (about-to / done pairs for inserts and
// removals), so views keep their selection and scroll position through it.
class QueueStore : public QObject {
    Q_OBJECT

public:
    enum class SyncStatus {
        Offline, // nothing asked for yet, or signed out: no data
        Loading, // subscribed, waiting for the snapshot
        Live,    // snapshot applied and every delta since
        Stale,   // the last known board: the link is down or a delta was missed
    };
    Q_ENUM(SyncStatus)

    explicit QueueStore(QObject *parent = nullptr);

    const std::vector<QueueVisitRow> &visits() const { return m_visits.rows(); }
    const std::vector<StateQueueRow> &states() const { return m_states.rows(); }
    const std::vector<ProviderStatusRow> &providers() const { return m_providers.rows(); }
    // -1 when absent.
    int visitRow(qint64 visitId) const { return m_visits.rowOf(visitId); }
    int stateRow(const QString &code) const { return m_states.rowOf(code); }
    int providerRow(qint64 providerId) const { return m_providers.rowOf(providerId); }
    const QueueVisitRow *visit(qint64 visitId) const { return m_visits.find(visitId); }
    const StateQueueRow *state(const QString &code) const { return m_states.find(code); }
    const ProviderStatusRow *provider(qint64 providerId) const {
        return m_providers.find(providerId);
    }

    SyncStatus syncStatus() const { return m_sync; }
    // The seq of the last message applied, if any.
    std::optional<qint64> seq() const { return m_seq; }

    // Replaces the board with a snapshot. Rows that did not change are not
    // announced, so a snapshot after a reconnect only shows what moved.
    void applySnapshot(const protocol::QueueSnapshot &snapshot);
    // Applies the next delta of the stream. Returns false, and changes nothing,
    // when the board is not live or the delta's seq is not the next one; in the
    // latter case the board turns Stale and outOfSync is emitted.
    bool applyDelta(const protocol::QueueDelta &delta);
    // A subscription is under way (Loading), or the stream ended (Stale while
    // there is a board to show, Offline otherwise).
    void markSubscribing();
    void markDisconnected();
    // Forgets everything (signed out).
    void clear();

signals:
    void visitsAboutToBeAdded(int first, int last);
    void visitsAdded(int first, int last);
    void visitChanged(int row);
    void visitAboutToBeRemoved(int row);
    void visitRemoved(int row);
    void statesAboutToBeAdded(int first, int last);
    void statesAdded(int first, int last);
    void stateChanged(int row);
    void stateAboutToBeRemoved(int row);
    void stateRemoved(int row);
    void providersAboutToBeAdded(int first, int last);
    void providersAdded(int first, int last);
    void providerChanged(int row);
    void providerAboutToBeRemoved(int row);
    void providerRemoved(int row);
    // Everything is replaced at once (cleared, or a snapshot too different from
    // the board to be worth announcing row by row).
    void aboutToReset();
    void reset();
    void syncStatusChanged(caredesk::console::QueueStore::SyncStatus status);
    // A delta arrived out of order: subscribe again for a fresh snapshot.
    void outOfSync(qint64 expectedSeq, qint64 receivedSeq);

private:
    void applyVisitChanges(const protocol::QueueDelta &delta, const QSet<QString> &goneStates);
    void applyProviderChanges(const protocol::QueueDelta &delta);
    void replaceAll(std::vector<StateQueueRow> states, std::vector<QueueVisitRow> visits,
                    std::vector<ProviderStatusRow> providers);
    void setSyncStatus(SyncStatus status);

    KeyedRows<StateQueueRow, &StateQueueRow::code> m_states;
    KeyedRows<QueueVisitRow, &QueueVisitRow::id> m_visits;
    KeyedRows<ProviderStatusRow, &ProviderStatusRow::id> m_providers;
    std::optional<qint64> m_seq;
    SyncStatus m_sync = SyncStatus::Offline;
};

} // namespace caredesk::console
