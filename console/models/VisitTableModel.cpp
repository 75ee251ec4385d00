#include "models/VisitTableModel.h"

#include "domain/VisitStatus.h"
#include "models/DurationText.h"
#include "state/QueueStore.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <limits>

namespace caredesk::console {

namespace {

constexpr int kTickMs = 1000;
// Sort keys that put priority first and, within a priority, the longest
// waiting first: the order in which the server hands visits out. Times are at
// most ~2.5e14 ms, so both parts fit a qint64.
constexpr qint64 kTimeSpan = 1'000'000'000'000'000;

QString ordinal(qint64 n) {
    const qint64 lastTwo = n % 100;
    const char *suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        switch (n % 10) {
        case 1:
            suffix = "st";
            break;
        case 2:
            suffix = "nd";
            break;
        case 3:
            suffix = "rd";
            break;
        default:
            break;
        }
    }
    return QString::number(n) + QLatin1String(suffix);
}

} // namespace

VisitTableModel::VisitTableModel(QueueStore &store, QObject *parent)
    : QueueStoreTableModel(store, Rows::Visits, parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &VisitTableModel::tick);
    // The clock ticks only while there are visits to count for.
    connect(&store, &QueueStore::visitsAdded, this, &VisitTableModel::updateTimer);
    connect(&store, &QueueStore::visitRemoved, this, &VisitTableModel::updateTimer);
    connect(&store, &QueueStore::reset, this, &VisitTableModel::updateTimer);
    updateTimer();
}

void VisitTableModel::setClock(Clock clock) {
    m_clock = std::move(clock);
    tick();
}

void VisitTableModel::tick() {
    const int rows = rowCount();
    if (rows == 0)
        return;
    emit dataChanged(index(0, WaitingColumn), index(rows - 1, WaitingColumn),
                     {Qt::DisplayRole, WaitingSecondsRole});
}

void VisitTableModel::updateTimer() {
    // No visits, nothing ticks: an idle board costs nothing.
    if (rowCount() > 0 && !m_ticker.isActive())
        m_ticker.start();
    else if (rowCount() == 0)
        m_ticker.stop();
}

int VisitTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_store.visits().size());
}

int VisitTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VisitTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueVisitRow &visit = m_store.visits()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(visit, index.column());
    case Qt::ToolTipRole:
        return toolTip(visit, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == AgeColumn || index.column() == WaitingColumn ||
            index.column() == PriorityColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.column() == PriorityColumn && visit.priority > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case VisitIdRole:
        return visit.id;
    case StateCodeRole:
        return visit.state;
    case StatusRole:
        return static_cast<int>(visit.status);
    case PriorityRole:
        return visit.priority;
    case RequestedAtRole:
        return visit.requestedAtMs;
    case WaitingSecondsRole:
        return waitingSeconds(visit);
    case AgeYearsRole:
        return ageInYears(visit.dateOfBirth, today());
    case ProviderIdRole:
        return visit.assignedProviderId.value_or(0);
    case SortRole:
        return sortKey(visit, index.column());
    default:
        return {};
    }
}

QVariant VisitTableModel::display(const QueueVisitRow &visit, int column) const {
    switch (column) {
    case PatientColumn:
        return visit.patientName();
    case AgeColumn: {
        const int years = ageInYears(visit.dateOfBirth, today());
        if (years < 0)
            return QString();
        if (years >= 2)
            return QString::number(years);
        // Months matter for the youngest patients.
        const QDate now = today();
        int months =
            (now.year() - visit.dateOfBirth.year()) * 12 + now.month() - visit.dateOfBirth.month();
        if (now.day() < visit.dateOfBirth.day())
            --months;
        return tr("%1 mo").arg(std::max(months, 0));
    }
    case StateColumn:
        return visit.state;
    case ReasonColumn:
        // One line in the table; the tooltip has all of it.
        return visit.reason.simplified();
    case WaitingColumn:
        return clockText(waitingSeconds(visit));
    case StatusColumn:
        return statusText(static_cast<int>(visit.status));
    case PriorityColumn:
        return visit.priority == 0 ? tr("Normal") : QString::number(visit.priority);
    case ProviderColumn:
        return visit.assignedProviderName;
    default:
        return {};
    }
}

QVariant VisitTableModel::sortKey(const QueueVisitRow &visit, int column) const {
    switch (column) {
    case PatientColumn:
        return QString(visit.lastName + QLatin1Char('\t') + visit.firstName).toCaseFolded();
    case AgeColumn:
        // By date of birth, so babies of the same year still sort by age.
        return visit.dateOfBirth.isValid() ? -visit.dateOfBirth.toJulianDay()
                                           : std::numeric_limits<qint64>::min();
    case StateColumn:
        return visit.state;
    case ReasonColumn:
        return visit.reason.toCaseFolded();
    case WaitingColumn:
        // Does not move as the clock ticks, so sorting by it stays put.
        return -visit.requestedAtMs;
    case StatusColumn:
        return static_cast<int>(visit.status);
    case PriorityColumn:
        return visit.priority * kTimeSpan + (kTimeSpan - 1 - visit.requestedAtMs);
    case ProviderColumn:
        return visit.assignedProviderName.toCaseFolded();
    default:
        return {};
    }
}

QString VisitTableModel::toolTip(const QueueVisitRow &visit, int column) const {
    switch (column) {
    case ReasonColumn:
        return visit.reason;
    case AgeColumn:
        return visit.dateOfBirth.isValid()
                   ? tr("Born %1").arg(QLocale().toString(visit.dateOfBirth, QLocale::LongFormat))
                   : QString();
    case WaitingColumn: {
        QString text = tr("Requested at %1")
                           .arg(QLocale().toString(
                               QDateTime::fromMSecsSinceEpoch(visit.requestedAtMs).toLocalTime(),
                               QLocale::ShortFormat));
        if (visit.position)
            text += QLatin1Char('\n') + tr("%1 in line").arg(ordinal(*visit.position));
        if (visit.estimatedWaitSeconds)
            text += QLatin1Char('\n') +
                    tr("Estimated wait %1").arg(estimateText(*visit.estimatedWaitSeconds));
        return text;
    }
    default:
        return {};
    }
}

qint64 VisitTableModel::waitingSeconds(const QueueVisitRow &visit) const {
    return std::max<qint64>((m_clock() - visit.requestedAtMs) / 1000, 0);
}

QDate VisitTableModel::today() const {
    return QDateTime::fromMSecsSinceEpoch(m_clock()).toLocalTime().date();
}

int VisitTableModel::ageInYears(const QDate &dateOfBirth, const QDate &today) {
    if (!dateOfBirth.isValid() || !today.isValid() || dateOfBirth > today)
        return -1;
    int years = today.year() - dateOfBirth.year();
    // Not yet had this year's birthday. A 29 February birthday is had on
    // 1 March in a common year.
    if (today.month() < dateOfBirth.month() ||
        (today.month() == dateOfBirth.month() && today.day() < dateOfBirth.day()))
        --years;
    return years;
}

QString VisitTableModel::statusText(int visitStatus) {
    switch (static_cast<domain::VisitStatus>(visitStatus)) {
    case domain::VisitStatus::Waiting:
        return tr("Waiting");
    case domain::VisitStatus::Ready:
        return tr("Ready");
    case domain::VisitStatus::Assigned:
        return tr("Assigned");
    case domain::VisitStatus::InVisit:
        return tr("In visit");
    case domain::VisitStatus::Completed:
        return tr("Completed");
    case domain::VisitStatus::Cancelled:
        return tr("Cancelled");
    case domain::VisitStatus::Removed:
        return tr("Removed");
    case domain::VisitStatus::NoShow:
        return tr("No-show");
    case domain::VisitStatus::Left:
        return tr("Left");
    }
    return {};
}

QVariant VisitTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QueueStoreTableModel::headerData(section, orientation, role);
    switch (section) {
    case PatientColumn:
        return tr("Patient");
    case AgeColumn:
        return tr("Age");
    case StateColumn:
        return tr("State");
    case ReasonColumn:
        return tr("Reason");
    case WaitingColumn:
        return tr("Waiting");
    case StatusColumn:
        return tr("Status");
    case PriorityColumn:
        return tr("Priority");
    case ProviderColumn:
        return tr("Provider");
    default:
        return {};
    }
}

QHash<int, QByteArray> VisitTableModel::roleNames() const {
    QHash<int, QByteArray> names = QueueStoreTableModel::roleNames();
    names.insert(VisitIdRole, "visitId");
    names.insert(StateCodeRole, "stateCode");
    names.insert(StatusRole, "status");
    names.insert(PriorityRole, "priority");
    names.insert(RequestedAtRole, "requestedAt");
    names.insert(WaitingSecondsRole, "waitingSeconds");
    names.insert(AgeYearsRole, "ageYears");
    names.insert(ProviderIdRole, "providerId");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace caredesk::console
