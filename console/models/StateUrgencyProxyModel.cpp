#include "models/StateUrgencyProxyModel.h"

#include "models/StateTableModel.h"

namespace caredesk::console {

StateUrgencyProxyModel::StateUrgencyProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(StateTableModel::UrgencyRole);
    // The urgency moves with the longest wait, the one column that ticks, so
    // sorting "by" it keeps the order current as time passes.
    sort(StateTableModel::LongestWaitColumn, Qt::DescendingOrder);
}

bool StateUrgencyProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const {
    const qint64 a = left.data(StateTableModel::UrgencyRole).toLongLong();
    const qint64 b = right.data(StateTableModel::UrgencyRole).toLongLong();
    if (a != b)
        return a < b;
    const QString nameA = left.siblingAtColumn(StateTableModel::StateColumn).data().toString();
    const QString nameB = right.siblingAtColumn(StateTableModel::StateColumn).data().toString();
    // Alphabetical within a tie, whichever way the urgency runs.
    const int byName = nameA.localeAwareCompare(nameB);
    return sortOrder() == Qt::DescendingOrder ? byName > 0 : byName < 0;
}

} // namespace caredesk::console
