#include "models/ProviderTableModel.h"

#include "models/ProviderStatusText.h"
#include "state/QueueStore.h"

#include <QDateTime>
#include <limits>

namespace caredesk::console {

namespace {

constexpr int kTickMs = 60'000;

// The order of the status column: who can take a patient first.
int standingRank(ProviderStanding standing) {
    switch (standing) {
    case ProviderStanding::Available:
        return 0;
    case ProviderStanding::InVisit:
        return 1;
    case ProviderStanding::OnBreak:
        return 2;
    case ProviderStanding::OffShift:
        return 3;
    case ProviderStanding::Offline:
        return 4;
    }
    return 5;
}

} // namespace

ProviderTableModel::ProviderTableModel(QueueStore &store, QObject *parent)
    : QueueStoreTableModel(store, Rows::Providers, parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &ProviderTableModel::tick);
    m_ticker.start();
}

void ProviderTableModel::setClock(Clock clock) {
    m_clock = std::move(clock);
    tick();
}

void ProviderTableModel::tick() {
    const int rows = rowCount();
    if (rows == 0)
        return;
    emit dataChanged(index(0, StatusColumn), index(rows - 1, ShiftColumn),
                     {Qt::DisplayRole, Qt::ToolTipRole});
}

int ProviderTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_store.providers().size());
}

int ProviderTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProviderTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProviderStatusRow &provider = m_store.providers()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(provider, index.column());
    case Qt::ToolTipRole:
        return toolTip(provider);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? standingColour(standingOf(provider)) : QVariant();
    case ProviderIdRole:
        return provider.id;
    case StandingRole:
        return static_cast<int>(standingOf(provider));
    case StateCodesRole:
        return provider.states;
    case FreeRole:
        return provider.isFree();
    case SortRole:
        return sortKey(provider, index.column());
    default:
        return {};
    }
}

QVariant ProviderTableModel::display(const ProviderStatusRow &provider, int column) const {
    switch (column) {
    case NameColumn:
        return provider.displayName;
    case StatusColumn:
        return providerStatusText(provider, m_clock());
    case SinceColumn:
        // When they set what they are now; a visit is not something they set.
        if (provider.status == domain::AvailabilityStatus::InVisit || !provider.statusSinceMs)
            return QString();
        return timeOfDayText(*provider.statusSinceMs, m_clock());
    case StatesColumn:
        return provider.states.join(QStringLiteral(", "));
    case ShiftColumn:
        return provider.hasShift() ? shiftText(provider, m_clock()) : tr("no shift set");
    default:
        return {};
    }
}

QVariant ProviderTableModel::sortKey(const ProviderStatusRow &provider, int column) const {
    switch (column) {
    case StatusColumn:
        // Who can take a patient first; by name within a status.
        return QStringLiteral("%1 %2")
            .arg(standingRank(standingOf(provider)))
            .arg(provider.displayName.toLower());
    case SinceColumn:
        return provider.statusSinceMs.value_or(0);
    case StatesColumn:
        return provider.states.size();
    case ShiftColumn:
        return provider.shiftEndsAtMs.value_or(std::numeric_limits<qint64>::max());
    default:
        return provider.displayName.toLower();
    }
}

QString ProviderTableModel::toolTip(const ProviderStatusRow &provider) const {
    const qint64 now = m_clock();
    QStringList lines;
    lines.append(tr("%1: %2").arg(provider.displayName, providerStatusText(provider, now)));
    lines.append(provider.states.isEmpty()
                     ? tr("No license in force")
                     : tr("Licensed in %1").arg(provider.states.join(QStringLiteral(", "))));
    if (provider.hasShift())
        lines.append(tr("Shift %1").arg(shiftText(provider, now)));
    return lines.join(QLatin1Char('\n'));
}

QVariant ProviderTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QueueStoreTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Provider");
    case StatusColumn:
        return tr("Status");
    case SinceColumn:
        return tr("Since");
    case StatesColumn:
        return tr("Licensed in");
    case ShiftColumn:
        return tr("Shift");
    default:
        return {};
    }
}

QHash<int, QByteArray> ProviderTableModel::roleNames() const {
    QHash<int, QByteArray> names = QueueStoreTableModel::roleNames();
    names.insert(ProviderIdRole, "providerId");
    names.insert(StandingRole, "standing");
    names.insert(StateCodesRole, "stateCodes");
    names.insert(FreeRole, "free");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace caredesk::console
