#include "models/CoverageTableModel.h"

#include "models/CoverageLook.h"
#include "models/DurationText.h"
#include "state/QueueStore.h"

#include <QBrush>
#include <QFont>
#include <algorithm>
#include <limits>

namespace caredesk::console {

namespace {

// The level's colour over the base, faint enough for the palette's text.
QColor tint(const QColor &colour) {
    constexpr qreal kStrength = 0.22;
    const auto mix = [](int over, int base) {
        return static_cast<int>(over * kStrength + base * (1 - kStrength));
    };
    return QColor(mix(colour.red(), 255), mix(colour.green(), 255), mix(colour.blue(), 255));
}

// Waiting counts below this many patients sort within one level of coverage.
constexpr qint64 kWaitingSpan = 1'000'000;

} // namespace

CoverageTableModel::CoverageTableModel(QueueStore &store, QObject *parent)
    : QueueStoreTableModel(store, Rows::States, parent)
    , m_store(store) {}

int CoverageTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_store.states().size());
}

int CoverageTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CoverageTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StateQueueRow &state = m_store.states()[static_cast<std::size_t>(index.row())];
    const StateCoverage coverage = state.coverage();
    switch (role) {
    case Qt::DisplayRole:
        return display(state, index.column());
    case Qt::ToolTipRole:
        return toolTip(state);
    case Qt::DecorationRole:
        // The level's colour as a swatch, the same as on the map.
        return index.column() == CoverageColumn ? coverageLook(coverage).fill : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() >= WaitingColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        return isFlagged(coverage) ? QBrush(tint(coverageLook(coverage).fill)) : QVariant();
    case Qt::FontRole:
        if (isFlagged(coverage) &&
            (index.column() == CoverageColumn || index.column() == WaitingColumn)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case StateCodeRole:
        return state.code;
    case StateNameRole:
        return state.name;
    case CoverageRole:
        return static_cast<int>(coverage);
    case FlaggedRole:
        return isFlagged(coverage);
    case WaitingRole:
        return state.waiting;
    case SortRole:
        return sortKey(state, index.column());
    default:
        return {};
    }
}

QVariant CoverageTableModel::display(const StateQueueRow &state, int column) const {
    switch (column) {
    case StateColumn:
        return state.name; // the code is on the map, and in the tooltip
    case CoverageColumn:
        return coverageLook(state.coverage()).shortLabel;
    case WaitingColumn:
        return QString::number(state.waiting);
    case EstimatedWaitColumn:
        if (state.status == domain::StateStatus::Closed && state.waiting == 0)
            return QString();
        return state.estimatedWaitSeconds ? estimateText(*state.estimatedWaitSeconds)
                                          : tr("no provider");
    case LicensedColumn:
        return QString::number(state.providersLicensed);
    case OnShiftColumn:
        return QString::number(state.providersOnShift);
    case FreeColumn:
        return QString::number(state.providersAvailable);
    case InVisitColumn:
        return QString::number(state.providersInVisit);
    default:
        return {};
    }
}

QVariant CoverageTableModel::sortKey(const StateQueueRow &state, int column) const {
    switch (column) {
    case StateColumn:
        return state.name;
    case CoverageColumn:
        return severity(state.coverage()) * kWaitingSpan +
               std::min(state.waiting, kWaitingSpan - 1);
    case WaitingColumn:
        return state.waiting;
    case EstimatedWaitColumn:
        // No estimate (no provider) is the longest wait of all.
        return state.estimatedWaitSeconds.value_or(std::numeric_limits<qint64>::max());
    case LicensedColumn:
        return state.providersLicensed;
    case OnShiftColumn:
        return state.providersOnShift;
    case FreeColumn:
        return state.providersAvailable;
    case InVisitColumn:
        return state.providersInVisit;
    default:
        return {};
    }
}

QString CoverageTableModel::toolTip(const StateQueueRow &state) {
    const CoverageLook look = coverageLook(state.coverage());
    QStringList lines;
    lines.append(tr("%1 (%2): %3").arg(state.name, state.code, look.label.toLower()));
    lines.append(look.explanation);
    lines.append(tr("%n waiting", nullptr, static_cast<int>(state.waiting)));
    lines.append(tr("Licensed providers: %1 · on shift %2 · free %3 · in a visit %4")
                     .arg(state.providersLicensed)
                     .arg(state.providersOnShift)
                     .arg(state.providersAvailable)
                     .arg(state.providersInVisit));
    return lines.join(QLatin1Char('\n'));
}

QVariant CoverageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return QueueStoreTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case LicensedColumn:
            return tr("Active providers with a license in force in the state");
        case OnShiftColumn:
            return tr("Of those, signed on and within their shift");
        case FreeColumn:
            return tr("Of those, available and not in a visit: free for the next patient");
        case InVisitColumn:
            return tr("Of the licensed, those with a visit assigned or in progress");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return QueueStoreTableModel::headerData(section, orientation, role);
    switch (section) {
    case StateColumn:
        return tr("State");
    case CoverageColumn:
        return tr("Coverage");
    case WaitingColumn:
        return tr("Waiting");
    case EstimatedWaitColumn:
        return tr("Est. wait");
    case LicensedColumn:
        return tr("Licensed");
    case OnShiftColumn:
        return tr("On shift");
    case FreeColumn:
        return tr("Free");
    case InVisitColumn:
        return tr("In visit");
    default:
        return {};
    }
}

QHash<int, QByteArray> CoverageTableModel::roleNames() const {
    QHash<int, QByteArray> names = QueueStoreTableModel::roleNames();
    names.insert(StateCodeRole, "stateCode");
    names.insert(StateNameRole, "stateName");
    names.insert(CoverageRole, "coverage");
    names.insert(FlaggedRole, "flagged");
    names.insert(WaitingRole, "waiting");
    names.insert(SortRole, "sortKey");
    return names;
}

} // namespace caredesk::console
