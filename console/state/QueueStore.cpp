#include "state/QueueStore.h"

#include "state/ProtocolText.h"
#include "domain/StateStatus.h"
#include "domain/VisitStatus.h"
#include "protocol/VisitMessages.h"

#include <QSet>
#include <algorithm>

namespace caredesk::console {

namespace {

// The codec has already checked every name against the protocol's list, so
// the fallbacks only guard against a newer server's additions.
domain::StateStatus stateStatusOf(const std::string &name) {
    return domain::stateStatusFromName(name).value_or(domain::StateStatus::Closed);
}

// Above this many removals a snapshot replaces the board in one reset rather
// than row by row: announcing each would cost more than redrawing.
constexpr std::size_t kMaxRowByRowRemovals = 64;

} // namespace

QueueVisitRow QueueVisitRow::fromProtocol(const protocol::QueueVisit &visit) {
    QueueVisitRow row;
    row.id = visit.id;
    row.state = fromStd(visit.state);
    row.status = domain::visitStatusFromName(visit.status).value_or(domain::VisitStatus::Waiting);
    row.priority = static_cast<int>(visit.priority);
    row.firstName = fromStd(visit.firstName);
    row.lastName = fromStd(visit.lastName);
    row.dateOfBirth = QDate::fromString(fromStd(visit.dateOfBirth), Qt::ISODate);
    row.reason = fromStd(visit.reason);
    row.requestedAtMs = visit.requestedAt;
    row.assignedProviderId = visit.assignedProviderId;
    row.assignedProviderName = fromStd(visit.assignedProviderName.value_or(std::string()));
    row.position = visit.position;
    row.estimatedWaitSeconds = visit.estimatedWaitSeconds;
    return row;
}

StateQueueRow StateQueueRow::fromProtocol(const protocol::StateQueue &queue) {
    StateQueueRow row;
    row.code = fromStd(queue.code);
    row.name = fromStd(queue.name);
    row.timeZone = fromStd(queue.timeZone);
    row.status = stateStatusOf(queue.status);
    row.manualStatus = stateStatusOf(queue.manualStatus);
    row.waiting = queue.waiting;
    row.longestWaitSeconds = queue.longestWaitSeconds;
    row.estimatedWaitSeconds = queue.estimatedWaitSeconds;
    row.providersAvailable = queue.providersAvailable;
    row.closesAtMs = queue.closesAt;
    row.nextOpenAtMs = queue.nextOpenAt;
    return row;
}

QueueStore::QueueStore(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<QueueVisitRow>();
}

const QueueVisitRow *QueueStore::visit(qint64 visitId) const {
    const int row = visitRow(visitId);
    return row < 0 ? nullptr : &m_visits[static_cast<std::size_t>(row)];
}

const StateQueueRow *QueueStore::state(const QString &code) const {
    const int row = stateRow(code);
    return row < 0 ? nullptr : &m_states[static_cast<std::size_t>(row)];
}

void QueueStore::applySnapshot(const protocol::QueueSnapshot &snapshot) {
    std::vector<StateQueueRow> states;
    states.reserve(snapshot.states.size());
    for (const auto &queue : snapshot.states)
        states.push_back(StateQueueRow::fromProtocol(queue));
    std::vector<QueueVisitRow> visits;
    visits.reserve(snapshot.visits.size());
    for (const auto &visit : snapshot.visits)
        visits.push_back(QueueVisitRow::fromProtocol(visit));

    QSet<QString> stateCodes;
    for (const auto &row : states)
        stateCodes.insert(row.code);
    QSet<qint64> visitIds;
    for (const auto &row : visits)
        visitIds.insert(row.id);
    std::vector<int> goneStates;
    for (int row = 0; row < static_cast<int>(m_states.size()); ++row) {
        if (!stateCodes.contains(m_states[static_cast<std::size_t>(row)].code))
            goneStates.push_back(row);
    }
    std::vector<int> goneVisits;
    for (int row = 0; row < static_cast<int>(m_visits.size()); ++row) {
        if (!visitIds.contains(m_visits[static_cast<std::size_t>(row)].id))
            goneVisits.push_back(row);
    }

    m_seq = snapshot.seq;
    if (goneVisits.size() + goneStates.size() > kMaxRowByRowRemovals) {
        replaceAll(std::move(states), std::move(visits));
    } else {
        // From the last row back, so the rows still to remove keep their index.
        for (auto it = goneVisits.rbegin(); it != goneVisits.rend(); ++it)
            removeVisitAt(*it);
        for (auto it = goneStates.rbegin(); it != goneStates.rend(); ++it)
            removeStateAt(*it);
        upsertStates(std::move(states));
        upsertVisits(std::move(visits));
    }
    setSyncStatus(SyncStatus::Live);
}

bool QueueStore::applyDelta(const protocol::QueueDelta &delta) {
    if (m_sync != SyncStatus::Live || !m_seq)
        return false; // a leftover of a stream we no longer follow
    const qint64 expected = *m_seq + 1;
    if (delta.seq != expected) {
        setSyncStatus(SyncStatus::Stale);
        emit outOfSync(expected, delta.seq);
        return false;
    }
    m_seq = delta.seq;

    std::vector<StateQueueRow> states;
    states.reserve(delta.states.size());
    for (const auto &queue : delta.states)
        states.push_back(StateQueueRow::fromProtocol(queue));
    upsertStates(std::move(states));

    QSet<qint64> removed(delta.removedVisitIds.begin(), delta.removedVisitIds.end());
    std::vector<QueueVisitRow> visits;
    visits.reserve(delta.visits.size());
    for (const auto &visit : delta.visits) {
        QueueVisitRow row = QueueVisitRow::fromProtocol(visit);
        // A visit that is over leaves the board, however the server said so.
        if (domain::isTerminal(row.status))
            removed.insert(row.id);
        else if (!removed.contains(row.id))
            visits.push_back(std::move(row));
    }
    upsertVisits(std::move(visits));

    // A state no longer offered takes its row off the board, and any visit of
    // it still shown with it: a fresh snapshot would hold neither.
    const QSet<QString> goneStates = [&delta] {
        QSet<QString> codes;
        for (const auto &code : delta.removedStates)
            codes.insert(fromStd(code));
        return codes;
    }();
    std::vector<int> rows;
    for (const qint64 id : std::as_const(removed)) {
        const int row = visitRow(id);
        if (row >= 0)
            rows.push_back(row);
    }
    if (!goneStates.isEmpty()) {
        for (int row = 0; row < static_cast<int>(m_visits.size()); ++row) {
            const QueueVisitRow &visit = m_visits[static_cast<std::size_t>(row)];
            if (goneStates.contains(visit.state) && !removed.contains(visit.id))
                rows.push_back(row);
        }
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : rows)
        removeVisitAt(row);

    std::vector<int> stateRows;
    for (const QString &code : goneStates) {
        const int row = stateRow(code);
        if (row >= 0)
            stateRows.push_back(row);
    }
    std::sort(stateRows.begin(), stateRows.end(), std::greater<>());
    for (const int row : stateRows)
        removeStateAt(row);
    return true;
}

void QueueStore::markSubscribing() {
    setSyncStatus(SyncStatus::Loading);
}

void QueueStore::markDisconnected() {
    if (m_sync == SyncStatus::Offline)
        return;
    setSyncStatus(m_states.empty() && m_visits.empty() ? SyncStatus::Offline : SyncStatus::Stale);
}

void QueueStore::clear() {
    replaceAll({}, {});
    m_seq.reset();
    setSyncStatus(SyncStatus::Offline);
}

void QueueStore::upsertStates(std::vector<StateQueueRow> rows) {
    std::vector<StateQueueRow> added;
    for (auto &row : rows) {
        const int existing = stateRow(row.code);
        if (existing < 0) {
            added.push_back(std::move(row));
            continue;
        }
        auto &current = m_states[static_cast<std::size_t>(existing)];
        if (current == row)
            continue;
        current = std::move(row);
        emit stateChanged(existing);
    }
    if (added.empty())
        return;
    const int first = static_cast<int>(m_states.size());
    const int last = first + static_cast<int>(added.size()) - 1;
    emit statesAboutToBeAdded(first, last);
    for (auto &row : added) {
        m_stateRows.insert(row.code, static_cast<int>(m_states.size()));
        m_states.push_back(std::move(row));
    }
    emit statesAdded(first, last);
}

void QueueStore::upsertVisits(std::vector<QueueVisitRow> rows) {
    std::vector<QueueVisitRow> added;
    QSet<qint64> addedIds;
    for (auto &row : rows) {
        const int existing = visitRow(row.id);
        if (existing < 0) {
            // The same id twice in one message: the later row wins.
            if (addedIds.contains(row.id)) {
                *std::find_if(added.begin(), added.end(), [&](const QueueVisitRow &a) {
                    return a.id == row.id;
                }) = std::move(row);
                continue;
            }
            addedIds.insert(row.id);
            added.push_back(std::move(row));
            continue;
        }
        auto &current = m_visits[static_cast<std::size_t>(existing)];
        if (current == row)
            continue;
        current = std::move(row);
        emit visitChanged(existing);
    }
    if (added.empty())
        return;
    const int first = static_cast<int>(m_visits.size());
    const int last = first + static_cast<int>(added.size()) - 1;
    emit visitsAboutToBeAdded(first, last);
    m_visits.reserve(m_visits.size() + added.size());
    for (auto &row : added) {
        m_visitRows.insert(row.id, static_cast<int>(m_visits.size()));
        m_visits.push_back(std::move(row));
    }
    emit visitsAdded(first, last);
}

void QueueStore::removeVisitAt(int row) {
    emit visitAboutToBeRemoved(row);
    m_visitRows.remove(m_visits[static_cast<std::size_t>(row)].id);
    m_visits.erase(m_visits.begin() + row);
    for (int later = row; later < static_cast<int>(m_visits.size()); ++later)
        m_visitRows[m_visits[static_cast<std::size_t>(later)].id] = later;
    emit visitRemoved(row);
}

void QueueStore::removeStateAt(int row) {
    emit stateAboutToBeRemoved(row);
    m_stateRows.remove(m_states[static_cast<std::size_t>(row)].code);
    m_states.erase(m_states.begin() + row);
    for (int later = row; later < static_cast<int>(m_states.size()); ++later)
        m_stateRows[m_states[static_cast<std::size_t>(later)].code] = later;
    emit stateRemoved(row);
}

void QueueStore::replaceAll(std::vector<StateQueueRow> states, std::vector<QueueVisitRow> visits) {
    emit aboutToReset();
    m_states.clear();
    m_visits.clear();
    m_stateRows.clear();
    m_visitRows.clear();
    for (auto &row : states) {
        if (m_stateRows.contains(row.code))
            continue;
        m_stateRows.insert(row.code, static_cast<int>(m_states.size()));
        m_states.push_back(std::move(row));
    }
    m_visits.reserve(visits.size());
    for (auto &row : visits) {
        if (m_visitRows.contains(row.id))
            continue;
        m_visitRows.insert(row.id, static_cast<int>(m_visits.size()));
        m_visits.push_back(std::move(row));
    }
    emit reset();
}

void QueueStore::setSyncStatus(SyncStatus status) {
    if (status == m_sync)
        return;
    m_sync = status;
    emit syncStatusChanged(m_sync);
}

} // namespace caredesk::console
