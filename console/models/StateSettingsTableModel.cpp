#include "models/StateSettingsTableModel.h"

#include "state/StateSettingsStore.h"

#include <QDateTime>

namespace caredesk::console {

StateSettingsTableModel::StateSettingsTableModel(StateSettingsStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store) {
    connect(&m_store, &StateSettingsStore::aboutToReset, this,
            &StateSettingsTableModel::beginResetModel);
    connect(&m_store, &StateSettingsStore::reset, this, &StateSettingsTableModel::endResetModel);
    connect(&m_store, &StateSettingsStore::stateChanged, this,
            [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int StateSettingsTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_store.states().size());
}

int StateSettingsTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString StateSettingsTableModel::changeText(qint64 version, std::optional<qint64> changedAtMs,
                                            const QString &changedBy, bool withTime) {
    QStringList parts{tr("v%1").arg(version)};
    if (!changedBy.isEmpty())
        parts.append(changedBy);
    if (changedAtMs)
        parts.append(QDateTime::fromMSecsSinceEpoch(*changedAtMs)
                         .toLocalTime()
                         .toString(withTime ? QStringLiteral("yyyy-MM-dd HH:mm")
                                            : QStringLiteral("yyyy-MM-dd")));
    return parts.join(QStringLiteral(" · "));
}

QVariant StateSettingsTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &state = m_store.states()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case StateCodeRole:
        return QString::fromStdString(state.code);
    case OfferedRole:
        return state.schedule.enabled;
    case VersionRole:
        return QVariant::fromValue<qint64>(state.version);
    case Qt::DisplayRole:
        switch (index.column()) {
        case StateColumn:
            return QString::fromStdString(state.name);
        case CodeColumn:
            return QString::fromStdString(state.code);
        case OfferedColumn:
            return state.schedule.enabled ? tr("Yes") : tr("No");
        case TimeZoneColumn:
            return QString::fromStdString(state.schedule.timeZone);
        case ChangedColumn: // the day only: the list is narrow
            return changeText(state.version, state.changedAt,
                              QString::fromStdString(state.changedBy.value_or(std::string())),
                              false);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == ChangedColumn)
            return changeText(state.version, state.changedAt,
                              QString::fromStdString(state.changedBy.value_or(std::string())));
        if (index.column() == OfferedColumn)
            return state.schedule.enabled ? tr("Patients can request visits in this state")
                                          : tr("Not offered to patients");
        return {};
    default:
        return {};
    }
}

QVariant StateSettingsTableModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn:
        return tr("State");
    case CodeColumn:
        return tr("Code");
    case OfferedColumn:
        return tr("Offered");
    case TimeZoneColumn:
        return tr("Time zone");
    case ChangedColumn:
        return tr("Last change");
    default:
        return {};
    }
}

QHash<int, QByteArray> StateSettingsTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(StateCodeRole, "stateCode");
    names.insert(OfferedRole, "offered");
    names.insert(VersionRole, "version");
    return names;
}

} // namespace caredesk::console
