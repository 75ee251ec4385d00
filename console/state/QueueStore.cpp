#include "state/QueueStore.h"

#include "domain/ProviderAvailability.h"
#include "domain/StateStatus.h"
#include "domain/VisitStatus.h"
#include "protocol/VisitMessages.h"
#include "state/ProtocolText.h"

#include <QSet>

namespace caredesk::console {

namespace {

// The codec has already checked every name against the protocol's list, so
// the fallbacks (here and for a provider's status) only guard against a newer
// server's additions.
domain::StateStatus stateStatusOf(const std::string &name) {
    return domain::stateStatusFromName(name).value_or(domain::StateStatus::Closed);
}

// The protocol's rows in Qt types.
template <typename Row, typename Message>
std::vector<Row> rowsOf(const std::vector<Message> &messages) {
    std::vector<Row> rows;
    rows.reserve(messages.size());
    for (const auto &message : messages)
        rows.push_back(Row::fromProtocol(message));
    return rows;
}

// The store's signals about one kind of its rows.
using RowsSignal = void (QueueStore::*)(int, int);
using RowSignal = void (QueueStore::*)(int);
RowAnnouncer announcerOf(QueueStore *store, RowsSignal aboutToAdd, RowsSignal added,
                         RowSignal changed, RowSignal aboutToRemove, RowSignal removed) {
    return {[store, aboutToAdd](int first, int last) { (store->*aboutToAdd)(first, last); },
            [store, added](int first, int last) { (store->*added)(first, last); },
            [store, changed](int row) { (store->*changed)(row); },
            [store, aboutToRemove](int row) { (store->*aboutToRemove)(row); },
            [store, removed](int row) {
                (store->*removed)(row);
            }};
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

ProviderStatusRow ProviderStatusRow::fromProtocol(const protocol::ProviderStatus &provider) {
    ProviderStatusRow row;
    row.id = provider.id;
    row.displayName = fromStd(provider.displayName);
    row.status = domain::availabilityStatusFromName(provider.status)
                     .value_or(domain::AvailabilityStatus::Offline);
    for (const auto &code : provider.states)
        row.states.append(fromStd(code));
    row.onShift = provider.onShift;
    row.shiftStartsAtMs = provider.shiftStartsAt;
    row.shiftEndsAtMs = provider.shiftEndsAt;
    row.statusSinceMs = provider.statusSince;
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
    row.providersLicensed = queue.providersLicensed;
    row.providersOnShift = queue.providersOnShift;
    row.providersAvailable = queue.providersAvailable;
    row.providersInVisit = queue.providersInVisit;
    row.closesAtMs = queue.closesAt;
    row.nextOpenAtMs = queue.nextOpenAt;
    return row;
}

QueueStore::QueueStore(QObject *parent)
    : QObject(parent)
    , m_states(announcerOf(this, &QueueStore::statesAboutToBeAdded, &QueueStore::statesAdded,
                           &QueueStore::stateChanged, &QueueStore::stateAboutToBeRemoved,
                           &QueueStore::stateRemoved))
    , m_visits(announcerOf(this, &QueueStore::visitsAboutToBeAdded, &QueueStore::visitsAdded,
                           &QueueStore::visitChanged, &QueueStore::visitAboutToBeRemoved,
                           &QueueStore::visitRemoved))
    , m_providers(announcerOf(this, &QueueStore::providersAboutToBeAdded,
                              &QueueStore::providersAdded, &QueueStore::providerChanged,
                              &QueueStore::providerAboutToBeRemoved,
                              &QueueStore::providerRemoved)) {
    qRegisterMetaType<QueueVisitRow>();
    qRegisterMetaType<ProviderStatusRow>();
}

void QueueStore::applySnapshot(const protocol::QueueSnapshot &snapshot) {
    auto states = rowsOf<StateQueueRow>(snapshot.states);
    auto visits = rowsOf<QueueVisitRow>(snapshot.visits);
    auto providers = rowsOf<ProviderStatusRow>(snapshot.providers);
    const std::vector<int> goneStates = m_states.rowsNotIn(states);
    const std::vector<int> goneVisits = m_visits.rowsNotIn(visits);
    const std::vector<int> goneProviders = m_providers.rowsNotIn(providers);

    m_seq = snapshot.seq;
    if (goneVisits.size() + goneStates.size() + goneProviders.size() > kMaxRowByRowRemovals) {
        replaceAll(std::move(states), std::move(visits), std::move(providers));
    } else {
        m_visits.remove(goneVisits);
        m_states.remove(goneStates);
        m_providers.remove(goneProviders);
        m_states.upsert(std::move(states));
        m_visits.upsert(std::move(visits));
        m_providers.upsert(std::move(providers));
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
    QSet<QString> goneStates;
    for (const auto &code : delta.removedStates)
        goneStates.insert(fromStd(code));
    m_states.upsert(rowsOf<StateQueueRow>(delta.states));
    applyVisitChanges(delta, goneStates);
    m_states.remove(m_states.rowsOf(goneStates));
    applyProviderChanges(delta);
    return true;
}

void QueueStore::applyVisitChanges(const protocol::QueueDelta &delta,
                                   const QSet<QString> &goneStates) {
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
    m_visits.upsert(std::move(visits));

    // A state no longer offered takes any visit of it still shown with it
    // off the board: a fresh snapshot would hold neither.
    if (!goneStates.isEmpty()) {
        for (const QueueVisitRow &visit : m_visits.rows()) {
            if (goneStates.contains(visit.state))
                removed.insert(visit.id);
        }
    }
    m_visits.remove(m_visits.rowsOf(removed));
}

void QueueStore::applyProviderChanges(const protocol::QueueDelta &delta) {
    const QSet<qint64> removed(delta.removedProviderIds.begin(), delta.removedProviderIds.end());
    std::vector<ProviderStatusRow> providers;
    providers.reserve(delta.providers.size());
    for (const auto &provider : delta.providers) {
        // Removal wins over a change in the same message, as for visits.
        if (!removed.contains(provider.id))
            providers.push_back(ProviderStatusRow::fromProtocol(provider));
    }
    m_providers.upsert(std::move(providers));
    m_providers.remove(m_providers.rowsOf(removed));
}

void QueueStore::markSubscribing() {
    setSyncStatus(SyncStatus::Loading);
}

void QueueStore::markDisconnected() {
    if (m_sync == SyncStatus::Offline)
        return;
    const bool empty = m_states.empty() && m_visits.empty() && m_providers.empty();
    setSyncStatus(empty ? SyncStatus::Offline : SyncStatus::Stale);
}

void QueueStore::clear() {
    replaceAll({}, {}, {});
    m_seq.reset();
    setSyncStatus(SyncStatus::Offline);
}

void QueueStore::replaceAll(std::vector<StateQueueRow> states, std::vector<QueueVisitRow> visits,
                            std::vector<ProviderStatusRow> providers) {
    emit aboutToReset();
    m_states.assign(std::move(states));
    m_visits.assign(std::move(visits));
    m_providers.assign(std::move(providers));
    emit reset();
}

void QueueStore::setSyncStatus(SyncStatus status) {
    if (status == m_sync)
        return;
    m_sync = status;
    emit syncStatusChanged(m_sync);
}

} // namespace caredesk::console
