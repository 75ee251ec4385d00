#include "models/StateTableModel.h"

#include "domain/StateStatus.h"
#include "domain/VisitStatus.h"
#include "models/CoverageLook.h"
#include "models/DurationText.h"
#include "state/QueueStore.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <algorithm>

namespace caredesk::console {

namespace {

constexpr int kTickMs = 1000;

// Urgency tiers, most urgent last: a closed state with nobody waiting, an
// open one with nobody waiting, one with patients waiting, one with patients
// waiting and no provider.
enum Tier : qint64 { ClosedIdle = 0, OpenIdle = 1, Waiting = 2, Stranded = 3 };
constexpr qint64 kTierWeight = 1'000'000'000'000'000; // above any wait x 1000 + count
constexpr qint64 kMaxWaitCounted = 999'999'999'999;   // seconds, ~31,000 years
constexpr qint64 kMaxCountCounted = 999;

// Soft red that reads on light and dark palettes alike with the palette's text.
const QColor kAttentionBackground(0xf8, 0xd7, 0xda);
const QColor kAttentionText(0x84, 0x20, 0x29);

} // namespace

StateTableModel::StateTableModel(QueueStore &store, QObject *parent)
    : QueueStoreTableModel(store, Rows::States, parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &StateTableModel::tick);
    m_ticker.start();

    // Visits coming and going move the longest wait at once, not a second
    // later; one announcement for a whole burst of changes.
    m_tickSoon.setSingleShot(true);
    m_tickSoon.setInterval(0);
    connect(&m_tickSoon, &QTimer::timeout, this, &StateTableModel::tick);
    const auto visitsMoved = [this] {
        m_arrivalsStale = true;
        m_tickSoon.start();
    };
    connect(&store, &QueueStore::visitRemoved, this, visitsMoved);
    connect(&store, &QueueStore::visitChanged, this, visitsMoved);
    connect(&store, &QueueStore::visitsAdded, this, visitsMoved);
}

void StateTableModel::setClock(Clock clock) {
    m_clock = std::move(clock);
    tick();
}

void StateTableModel::tick() {
    const int rows = rowCount();
    if (rows == 0)
        return;
    emit dataChanged(index(0, LongestWaitColumn), index(rows - 1, LongestWaitColumn),
                     {Qt::DisplayRole, LongestWaitSecondsRole, UrgencyRole});
}

const QHash<QString, qint64> &StateTableModel::oldestArrivals() const {
    if (!m_arrivalsStale)
        return m_oldestArrival;
    m_arrivalsStale = false;
    m_oldestArrival.clear();
    for (const QueueVisitRow &visit : m_store.visits()) {
        if (!domain::isQueued(visit.status))
            continue;
        auto it = m_oldestArrival.find(visit.state);
        if (it == m_oldestArrival.end())
            m_oldestArrival.insert(visit.state, visit.requestedAtMs);
        else
            *it = std::min(*it, visit.requestedAtMs);
    }
    return m_oldestArrival;
}

int StateTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_store.states().size());
}

int StateTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 StateTableModel::longestWaitSeconds(const StateQueueRow &state) const {
    if (state.waiting == 0)
        return 0;
    const auto &arrivals = oldestArrivals();
    const auto oldest = arrivals.constFind(state.code);
    // The server's figure when the visits themselves are not on this board.
    if (oldest == arrivals.cend())
        return state.longestWaitSeconds;
    return std::max<qint64>((m_clock() - *oldest) / 1000, 0);
}

qint64 StateTableModel::urgency(const StateQueueRow &state) const {
    qint64 tier = Tier::ClosedIdle;
    if (state.needsAttention())
        tier = Tier::Stranded;
    else if (state.waiting > 0)
        tier = Tier::Waiting;
    else if (state.status != domain::StateStatus::Closed)
        tier = Tier::OpenIdle;
    return tier * kTierWeight + std::min(longestWaitSeconds(state), kMaxWaitCounted) * 1000 +
           std::min(state.waiting, kMaxCountCounted);
}

QVariant StateTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StateQueueRow &state = m_store.states()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(state, index.column());
    case Qt::ToolTipRole:
        return toolTip(state);
    case Qt::TextAlignmentRole:
        if (index.column() >= WaitingColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        return state.needsAttention() ? QBrush(kAttentionBackground) : QVariant();
    case Qt::ForegroundRole:
        return state.needsAttention() ? QBrush(kAttentionText) : QVariant();
    case Qt::FontRole:
        if (state.needsAttention() || (index.column() == WaitingColumn && state.waiting > 0)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case StateCodeRole:
        return state.code;
    case StatusRole:
        return static_cast<int>(state.status);
    case ManualStatusRole:
        return static_cast<int>(state.manualStatus);
    case WaitingRole:
        return state.waiting;
    case LongestWaitSecondsRole:
        return longestWaitSeconds(state);
    case ProvidersAvailableRole:
        return state.providersAvailable;
    case NeedsAttentionRole:
        return state.needsAttention();
    case UrgencyRole:
        return urgency(state);
    default:
        return {};
    }
}

QVariant StateTableModel::display(const StateQueueRow &state, int column) const {
    switch (column) {
    case StateColumn:
        return tr("%1 (%2)").arg(state.name, state.code);
    case StatusColumn: {
        const QString status = statusText(static_cast<int>(state.status));
        // Closed by its hours while staff left it open or busy: say why, so
        // nobody reaches for the toggle to "fix" a state that is simply
        // outside its hours.
        if (state.status != state.manualStatus)
            return tr("Outside hours (staff: %1)")
                .arg(statusText(static_cast<int>(state.manualStatus)).toLower());
        return status;
    }
    case WaitingColumn:
        return QString::number(state.waiting);
    case LongestWaitColumn:
        return state.waiting > 0 ? clockText(longestWaitSeconds(state)) : QString();
    case EstimatedWaitColumn:
        if (state.status == domain::StateStatus::Closed)
            return QString();
        return state.estimatedWaitSeconds ? estimateText(*state.estimatedWaitSeconds)
                                          : tr("no provider");
    case ProvidersColumn:
        return QString::number(state.providersAvailable);
    default:
        return {};
    }
}

QString StateTableModel::toolTip(const StateQueueRow &state) const {
    QStringList lines;
    lines.append(tr("%1 (%2), hours in %3").arg(state.name, state.code, state.timeZone));
    const QLocale locale;
    if (state.closesAtMs)
        lines.append(tr("Closes at %1")
                         .arg(locale.toString(
                             QDateTime::fromMSecsSinceEpoch(*state.closesAtMs).toLocalTime(),
                             QLocale::ShortFormat)));
    if (state.nextOpenAtMs)
        lines.append(tr("Opens at %1")
                         .arg(locale.toString(
                             QDateTime::fromMSecsSinceEpoch(*state.nextOpenAtMs).toLocalTime(),
                             QLocale::ShortFormat)));
    lines.append(tr("Licensed providers: %1 · on shift %2 · free %3 · in a visit %4")
                     .arg(state.providersLicensed)
                     .arg(state.providersOnShift)
                     .arg(state.providersAvailable)
                     .arg(state.providersInVisit));
    if (state.needsAttention())
        lines.append(coverageLook(state.coverage()).explanation);
    return lines.join(QLatin1Char('\n'));
}

QString StateTableModel::statusText(int stateStatus) {
    switch (static_cast<domain::StateStatus>(stateStatus)) {
    case domain::StateStatus::Open:
        return tr("Open");
    case domain::StateStatus::Busy:
        return tr("Busy");
    case domain::StateStatus::Closed:
        return tr("Closed");
    }
    return {};
}

QVariant StateTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QueueStoreTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn:
        return tr("State");
    case StatusColumn:
        return tr("Status");
    case WaitingColumn:
        return tr("Waiting");
    case LongestWaitColumn:
        return tr("Longest");
    case EstimatedWaitColumn:
        return tr("Est. wait");
    case ProvidersColumn:
        return tr("Providers");
    default:
        return {};
    }
}

QHash<int, QByteArray> StateTableModel::roleNames() const {
    QHash<int, QByteArray> names = QueueStoreTableModel::roleNames();
    names.insert(StateCodeRole, "stateCode");
    names.insert(StatusRole, "status");
    names.insert(ManualStatusRole, "manualStatus");
    names.insert(WaitingRole, "waiting");
    names.insert(LongestWaitSecondsRole, "longestWaitSeconds");
    names.insert(ProvidersAvailableRole, "providersAvailable");
    names.insert(NeedsAttentionRole, "needsAttention");
    names.insert(UrgencyRole, "urgency");
    return names;
}

} // namespace caredesk::console
