#include "models/VisitFilterProxyModel.h"

#include "models/VisitTableModel.h"

namespace caredesk::console {

VisitFilterProxyModel::VisitFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(VisitTableModel::SortRole);
    // Queue order until someone clicks a header.
    sort(VisitTableModel::PriorityColumn, Qt::DescendingOrder);
}

void VisitFilterProxyModel::setStates(const QSet<QString> &stateCodes) {
    if (stateCodes == m_states)
        return;
    m_states = stateCodes;
    invalidateFilter();
    emit filterChanged();
}

void VisitFilterProxyModel::setStatuses(const QSet<domain::VisitStatus> &statuses) {
    if (statuses == m_statuses)
        return;
    m_statuses = statuses;
    invalidateFilter();
    emit filterChanged();
}

void VisitFilterProxyModel::setSearchText(const QString &text) {
    const QString search = text.simplified();
    if (search == m_search)
        return;
    m_search = search;
    invalidateFilter();
    emit filterChanged();
}

bool VisitFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (!m_states.isEmpty() &&
        !m_states.contains(first.data(VisitTableModel::StateCodeRole).toString()))
        return false;
    if (!m_statuses.isEmpty() && !m_statuses.contains(static_cast<domain::VisitStatus>(
                                     first.data(VisitTableModel::StatusRole).toInt())))
        return false;
    if (m_search.isEmpty())
        return true;
    for (const int column : {VisitTableModel::PatientColumn, VisitTableModel::ReasonColumn}) {
        const QString text =
            source->index(sourceRow, column, sourceParent).data(Qt::DisplayRole).toString();
        if (text.contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace caredesk::console
