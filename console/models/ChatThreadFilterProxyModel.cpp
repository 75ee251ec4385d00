#include "models/ChatThreadFilterProxyModel.h"

#include "models/ChatThreadModel.h"

namespace caredesk::console {

ChatThreadFilterProxyModel::ChatThreadFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(ChatThreadModel::SortRole);
    setDynamicSortFilter(true);
}

void ChatThreadFilterProxyModel::setScope(Scope scope) {
    if (scope == m_scope)
        return;
    m_scope = scope;
    invalidateRowsFilter();
}

void ChatThreadFilterProxyModel::setCaregiverId(qint64 caregiverId) {
    if (caregiverId == m_caregiverId)
        return;
    m_caregiverId = caregiverId;
    invalidateRowsFilter();
}

bool ChatThreadFilterProxyModel::filterAcceptsRow(int sourceRow,
                                                  const QModelIndex &sourceParent) const {
    if (m_scope == Scope::All)
        return true;
    const qint64 owner = sourceModel()
                             ->index(sourceRow, 0, sourceParent)
                             .data(ChatThreadModel::OwnerIdRole)
                             .toLongLong();
    return m_scope == Scope::Mine ? owner == m_caregiverId && owner != 0 : owner == 0;
}

} // namespace caredesk::console
